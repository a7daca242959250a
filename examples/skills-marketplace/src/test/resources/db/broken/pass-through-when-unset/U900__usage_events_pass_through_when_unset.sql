DROP POLICY "tenant_access" ON "usage_events";
DROP POLICY "tenant_isolation" ON "usage_events";
CREATE POLICY "tenant_isolation" ON "usage_events" AS RESTRICTIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
CREATE POLICY "tenant_access" ON "usage_events" AS PERMISSIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
