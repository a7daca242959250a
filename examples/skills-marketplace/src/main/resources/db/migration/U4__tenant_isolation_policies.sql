-- Undo of V4.
DROP POLICY "tenant_isolation" ON "site_settings";
DROP POLICY "tenant_isolation" ON "api_keys";
DROP POLICY "tenant_isolation" ON "skill_reviews";
DROP POLICY "tenant_isolation" ON "skill_embeddings";
DROP POLICY "tenant_isolation" ON "skill_versions";
DROP POLICY "tenant_isolation" ON "usage_events";
DROP POLICY "tenant_isolation" ON "ratings";
DROP POLICY "tenant_isolation" ON "users";
DROP POLICY "tenant_isolation" ON "skills";
