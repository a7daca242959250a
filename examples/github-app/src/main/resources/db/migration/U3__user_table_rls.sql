-- Undo of V3.
DROP POLICY audit_logs_owner_only ON audit_logs;
DROP POLICY user_api_keys_owner_only ON user_api_keys;

ALTER TABLE audit_logs NO FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_logs DISABLE ROW LEVEL SECURITY;
ALTER TABLE user_api_keys NO FORCE ROW LEVEL SECURITY;
ALTER TABLE user_api_keys DISABLE ROW LEVEL SECURITY;
