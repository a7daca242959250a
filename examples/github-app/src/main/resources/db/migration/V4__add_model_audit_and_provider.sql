-- Revision "add_model_audit_and_provider": which LLM provider a user's key is for, and which provider and model
-- a review (and its audit entry) used. Schema only: no policy changes.
ALTER TABLE user_api_keys
    ADD COLUMN provider text NOT NULL DEFAULT 'openai',
    ADD CONSTRAINT user_api_keys_provider_check CHECK (provider IN ('openai', 'anthropic', 'google')),
    ADD CONSTRAINT user_api_keys_user_github_id_provider_key UNIQUE (user_github_id, provider);

ALTER TABLE pull_request_reviews
    ADD COLUMN provider text,
    ADD COLUMN model text;

ALTER TABLE audit_logs
    ADD COLUMN provider text,
    ADD COLUMN model text;
