-- Undo of V100.
DROP POLICY "tenant_access" ON "site_settings";
DROP POLICY "tenant_access" ON "api_keys";
DROP POLICY "tenant_access" ON "skill_reviews";
DROP POLICY "tenant_access" ON "skill_embeddings";
DROP POLICY "tenant_access" ON "skill_versions";
DROP POLICY "tenant_access" ON "usage_events";
DROP POLICY "tenant_access" ON "ratings";
DROP POLICY "tenant_access" ON "users";
DROP POLICY "tenant_access" ON "skills";
