DROP POLICY tenant_access ON audit_logs;
CREATE POLICY tenant_read ON audit_logs
    FOR SELECT TO evf_app
    USING (tenant_id = nullif(current_setting('app.current_tenant', true), '')::uuid);
CREATE POLICY tenant_append ON audit_logs
    FOR INSERT TO evf_app
    WITH CHECK (tenant_id = nullif(current_setting('app.current_tenant', true), '')::uuid
                OR (tenant_id IS NULL AND security_event IS NOT NULL));
