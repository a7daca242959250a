-- Undo of V2 (dropping a column drops its index and foreign key).
ALTER TABLE site_settings DROP CONSTRAINT site_settings_tenant_id_key_key;
ALTER TABLE users DROP CONSTRAINT users_tenant_id_email_key;
ALTER TABLE skills DROP CONSTRAINT skills_tenant_id_slug_key;
ALTER TABLE site_settings DROP COLUMN tenant_id;
ALTER TABLE api_keys DROP COLUMN tenant_id;
ALTER TABLE skill_reviews DROP COLUMN tenant_id;
ALTER TABLE skill_embeddings DROP COLUMN tenant_id;
ALTER TABLE skill_versions DROP COLUMN tenant_id;
ALTER TABLE usage_events DROP COLUMN tenant_id;
ALTER TABLE ratings DROP COLUMN tenant_id;
ALTER TABLE users DROP COLUMN tenant_id;
ALTER TABLE skills DROP COLUMN tenant_id;
DROP TABLE tenants;
