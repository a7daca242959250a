-- BROKEN VARIANT: pass-through instead of strict when the user context is absent.
-- The document asks to decide strict vs pass-through behaviour for absent context variables. Here the
-- user-scoped tables were made pass-through "so that workers and webhooks keep working": with
-- app.current_user_github_id unset, the owner check is skipped. Every code path that sets only the installation
-- (webhooks) or nothing (workers) now reads every user's API keys and audit log, and can write keys for anybody.
DROP POLICY user_api_keys_owner_only ON user_api_keys;
CREATE POLICY user_api_keys_owner_only ON user_api_keys
    FOR ALL
    USING (nullif(current_setting('app.current_user_github_id', true), '') IS NULL
           OR user_github_id = nullif(current_setting('app.current_user_github_id', true), '')::bigint)
    WITH CHECK (nullif(current_setting('app.current_user_github_id', true), '') IS NULL
           OR user_github_id = nullif(current_setting('app.current_user_github_id', true), '')::bigint);

DROP POLICY audit_logs_owner_only ON audit_logs;
CREATE POLICY audit_logs_owner_only ON audit_logs
    FOR ALL
    USING (nullif(current_setting('app.current_user_github_id', true), '') IS NULL
           OR user_github_id = nullif(current_setting('app.current_user_github_id', true), '')::bigint)
    WITH CHECK (nullif(current_setting('app.current_user_github_id', true), '') IS NULL
           OR user_github_id = nullif(current_setting('app.current_user_github_id', true), '')::bigint);
