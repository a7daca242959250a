DROP POLICY audit_logs_owner_only ON audit_logs;
CREATE POLICY audit_logs_owner_only ON audit_logs
    FOR ALL
    USING (user_github_id = nullif(current_setting('app.current_user_github_id', true), '')::bigint)
    WITH CHECK (user_github_id = nullif(current_setting('app.current_user_github_id', true), '')::bigint);

DROP POLICY user_api_keys_owner_only ON user_api_keys;
CREATE POLICY user_api_keys_owner_only ON user_api_keys
    FOR ALL
    USING (user_github_id = nullif(current_setting('app.current_user_github_id', true), '')::bigint)
    WITH CHECK (user_github_id = nullif(current_setting('app.current_user_github_id', true), '')::bigint);
