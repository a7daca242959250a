-- Phase 25, plan 25-07: pgPolicy("tenant_isolation", { as: "restrictive", for: "all", using, withCheck }) on the
-- nine tenant-scoped tables, reproduced literally as drizzle-kit generates it. No `to:` => TO public.
--
-- THIS IS THE DOCUMENT'S BUG, kept on purpose: a RESTRICTIVE policy can only narrow what some PERMISSIVE policy
-- grants. These tables have no permissive policy, so for every role subject to RLS (app_user, and the owner
-- too because RLS is forced) every table shows no rows and accepts no writes, whatever the tenant context.
-- The fix is the `corrected` location (V100).

CREATE POLICY "tenant_isolation" ON "skills" AS RESTRICTIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
CREATE POLICY "tenant_isolation" ON "users" AS RESTRICTIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
CREATE POLICY "tenant_isolation" ON "ratings" AS RESTRICTIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
CREATE POLICY "tenant_isolation" ON "usage_events" AS RESTRICTIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
CREATE POLICY "tenant_isolation" ON "skill_versions" AS RESTRICTIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
CREATE POLICY "tenant_isolation" ON "skill_embeddings" AS RESTRICTIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
CREATE POLICY "tenant_isolation" ON "skill_reviews" AS RESTRICTIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
CREATE POLICY "tenant_isolation" ON "api_keys" AS RESTRICTIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
CREATE POLICY "tenant_isolation" ON "site_settings" AS RESTRICTIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
