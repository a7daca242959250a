DROP POLICY "review_moderation" ON "skill_reviews";
DROP POLICY "tenant_isolation" ON "skill_reviews";
CREATE POLICY "tenant_isolation" ON "skill_reviews" AS RESTRICTIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
CREATE POLICY "tenant_access" ON "skill_reviews" AS PERMISSIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
