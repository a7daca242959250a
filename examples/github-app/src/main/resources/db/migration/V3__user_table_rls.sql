-- Revision "user_table_rls": the user-scoped tables are readable and writable by their owner only.
-- STRICT: with app.current_user_github_id unset (webhooks, workers not acting for a user, admin endpoints) these
-- tables show no rows and accept no writes. A worker that needs a user's provider key (to run a review with
-- it) must set the user context for that unit of work.

ALTER TABLE user_api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_api_keys FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_logs FORCE ROW LEVEL SECURITY;

CREATE POLICY user_api_keys_owner_only ON user_api_keys
    FOR ALL
    USING (user_github_id = nullif(current_setting('app.current_user_github_id', true), '')::bigint)
    WITH CHECK (user_github_id = nullif(current_setting('app.current_user_github_id', true), '')::bigint);

CREATE POLICY audit_logs_owner_only ON audit_logs
    FOR ALL
    USING (user_github_id = nullif(current_setting('app.current_user_github_id', true), '')::bigint)
    WITH CHECK (user_github_id = nullif(current_setting('app.current_user_github_id', true), '')::bigint);
