-- BROKEN VARIANT: one FOR ALL policy, USING only, where a WITH CHECK was meant.
-- The app must be able to append tenant-less security events. Instead of the INSERT-only WITH CHECK of
-- tenant_append, someone folded the exception into a single FOR ALL policy with a USING clause and no WITH CHECK.
-- PostgreSQL uses USING as the WITH CHECK when the latter is missing, so inserts behave as intended; but USING
-- also governs reads: every tenant now reads every tenant-less security event (the paths, methods and details
-- of other tenants' failed requests), and can append tenant-less rows of any kind.
DROP POLICY tenant_append ON audit_logs;
DROP POLICY tenant_read ON audit_logs;
CREATE POLICY tenant_access ON audit_logs
    FOR ALL TO evf_app
    USING (tenant_id = nullif(current_setting('app.current_tenant', true), '')::uuid OR tenant_id IS NULL);
