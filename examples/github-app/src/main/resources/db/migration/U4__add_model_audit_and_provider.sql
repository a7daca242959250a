-- Undo of V4.
ALTER TABLE audit_logs
    DROP COLUMN model,
    DROP COLUMN provider;

ALTER TABLE pull_request_reviews
    DROP COLUMN model,
    DROP COLUMN provider;

ALTER TABLE user_api_keys
    DROP CONSTRAINT user_api_keys_user_github_id_provider_key,
    DROP CONSTRAINT user_api_keys_provider_check,
    DROP COLUMN provider;
