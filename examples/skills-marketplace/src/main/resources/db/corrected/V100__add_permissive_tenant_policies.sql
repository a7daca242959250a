-- CORRECTED schema (location db/corrected, migrated together with db/migration): one PERMISSIVE policy per
-- tenant-scoped table, with the same predicate as the restrictive tenant_isolation policy. The permissive policy
-- grants the tenant's rows; the restrictive one still has to pass too (defence in depth: a later permissive
-- policy that grants too much is still cut down to the tenant). In Drizzle:
--   pgPolicy("tenant_access", { as: "permissive", for: "all", using, withCheck })

CREATE POLICY "tenant_access" ON "skills" AS PERMISSIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
CREATE POLICY "tenant_access" ON "users" AS PERMISSIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
CREATE POLICY "tenant_access" ON "ratings" AS PERMISSIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
CREATE POLICY "tenant_access" ON "usage_events" AS PERMISSIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
CREATE POLICY "tenant_access" ON "skill_versions" AS PERMISSIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
CREATE POLICY "tenant_access" ON "skill_embeddings" AS PERMISSIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
CREATE POLICY "tenant_access" ON "skill_reviews" AS PERMISSIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
CREATE POLICY "tenant_access" ON "api_keys" AS PERMISSIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
CREATE POLICY "tenant_access" ON "site_settings" AS PERMISSIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
