DROP POLICY tenant_isolation ON evf;
CREATE POLICY tenant_isolation ON evf
    FOR ALL TO evf_app
    USING (tenant_id = nullif(current_setting('app.current_tenant', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.current_tenant', true), '')::uuid);
