-- BROKEN VARIANT: pass-through when the tenant setting is absent. Layered on db/migration + db/corrected.
-- The usage ingestion job writes events without a tenant context, so both policies of usage_events were
-- rewritten to fall back to the row's own tenant when app.current_tenant_id is unset or empty:
-- coalesce(nullif(current_setting(...), ''), tenant_id). With a tenant set nothing changes; without one, every
-- row matches: any code path that forgets the context (or a pooled connection before the context is set) reads
-- and writes every tenant's usage events.
DROP POLICY "tenant_access" ON "usage_events";
DROP POLICY "tenant_isolation" ON "usage_events";
CREATE POLICY "tenant_isolation" ON "usage_events" AS RESTRICTIVE FOR ALL TO public
    USING (tenant_id = coalesce(nullif(current_setting('app.current_tenant_id', true), ''), tenant_id))
    WITH CHECK (tenant_id = coalesce(nullif(current_setting('app.current_tenant_id', true), ''), tenant_id));
CREATE POLICY "tenant_access" ON "usage_events" AS PERMISSIVE FOR ALL TO public
    USING (tenant_id = coalesce(nullif(current_setting('app.current_tenant_id', true), ''), tenant_id))
    WITH CHECK (tenant_id = coalesce(nullif(current_setting('app.current_tenant_id', true), ''), tenant_id));
