-- The tenant isolation policies (RLS itself is enabled and forced since V2). They bind evf_app only; evf_system
-- bypasses RLS and the migrating superuser is not subject to it.
-- The tenant comes from app.current_tenant, set per transaction with SET LOCAL app.current_tenant = '<uuid>' (or
-- set_config('app.current_tenant', '<uuid>', true), which takes a bind parameter). After the transaction the
-- setting reads '' (or is absent): nullif(..., '') makes both NULL, and NULL matches no row: no context, no rows.

CREATE POLICY tenant_isolation ON evf
    FOR ALL TO evf_app
    USING (tenant_id = nullif(current_setting('app.current_tenant', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.current_tenant', true), '')::uuid);

CREATE POLICY tenant_isolation ON evf_documents
    FOR ALL TO evf_app
    USING (tenant_id = nullif(current_setting('app.current_tenant', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.current_tenant', true), '')::uuid);

CREATE POLICY tenant_isolation ON compliance_checks
    FOR ALL TO evf_app
    USING (tenant_id = nullif(current_setting('app.current_tenant', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.current_tenant', true), '')::uuid);

-- The audit log: a tenant reads its own entries; the app appends entries for its tenant, and may append a
-- security event without a tenant (the RLS_NOT_ENFORCED event is raised precisely when no tenant is set).
-- Nobody but evf_system reads the tenant-less events.
CREATE POLICY tenant_read ON audit_logs
    FOR SELECT TO evf_app
    USING (tenant_id = nullif(current_setting('app.current_tenant', true), '')::uuid);

CREATE POLICY tenant_append ON audit_logs
    FOR INSERT TO evf_app
    WITH CHECK (tenant_id = nullif(current_setting('app.current_tenant', true), '')::uuid
                OR (tenant_id IS NULL AND security_event IS NOT NULL));
