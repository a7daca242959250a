-- BROKEN VARIANT: allow_system as a pass-through in SQL.
-- Instead of a separate role for system operations, the policy itself lets rows through when no tenant is set
-- ("so that health checks, migrations and background jobs keep working"). With a tenant set nothing changes;
-- without one (a route that used get_db instead of get_db_with_tenant, a background task not wrapped in
-- rls_enforced_session: the document's pitfalls 2 and 3) evf_app reads and writes every tenant's EVFs.
DROP POLICY tenant_isolation ON evf;
CREATE POLICY tenant_isolation ON evf
    FOR ALL TO evf_app
    USING (nullif(current_setting('app.current_tenant', true), '') IS NULL
           OR tenant_id = nullif(current_setting('app.current_tenant', true), '')::uuid)
    WITH CHECK (nullif(current_setting('app.current_tenant', true), '') IS NULL
           OR tenant_id = nullif(current_setting('app.current_tenant', true), '')::uuid);
