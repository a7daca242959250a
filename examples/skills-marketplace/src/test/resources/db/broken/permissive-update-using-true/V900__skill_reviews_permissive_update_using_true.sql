-- BROKEN VARIANT: permissive USING (true) on UPDATE, with no restrictive guard. Layered on db/migration +
-- db/corrected.
-- On skill_reviews the document's bug was "fixed" the other way round: tenant_isolation recreated as a
-- PERMISSIVE policy (dropping the restrictive one and the corrected tenant_access), and a moderation policy
-- FOR UPDATE USING (true) added for the review queue. Nothing restrictive is left to cut the moderation policy
-- down to the tenant: an UPDATE that reads no column (no WHERE, or WHERE true) rewrites every tenant's reviews.
-- (With the restrictive tenant_isolation in place, a USING (true) permissive policy would be harmless: that is
-- what the restrictive policy is for.)
DROP POLICY "tenant_access" ON "skill_reviews";
DROP POLICY "tenant_isolation" ON "skill_reviews";
CREATE POLICY "tenant_isolation" ON "skill_reviews" AS PERMISSIVE FOR ALL TO public
    USING (tenant_id = current_setting('app.current_tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));
CREATE POLICY "review_moderation" ON "skill_reviews" AS PERMISSIVE FOR UPDATE TO public
    USING (true);
