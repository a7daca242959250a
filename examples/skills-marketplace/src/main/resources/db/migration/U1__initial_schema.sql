-- Undo of V1 (the grants go with the tables). app_user is cluster-wide and left in place; after this undo
-- it holds nothing in this database.
DROP TABLE site_settings;
DROP TABLE api_keys;
DROP TABLE skill_reviews;
DROP TABLE usage_events;
DROP TABLE ratings;
DROP TABLE skill_embeddings;
DROP TABLE skill_versions;
DROP TABLE skills;
DROP TABLE users;
