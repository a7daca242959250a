-- Undo of V1. Dropping the tables drops every privilege granted on them.
-- The roles app_api, app_worker and app_admin are cluster-wide and may be used by other databases of the
-- cluster, so they are left in place; after this undo they own nothing and hold no privilege in this database.
DROP TABLE user_api_keys;
DROP TABLE webhook_deliveries;
DROP TABLE pull_request_reviews;
DROP TABLE repositories;
DROP TABLE installation_members;
DROP TABLE installations;
