-- Phase 25, plans 25-03 and 25-04: the tenants table, and a tenant_id column (with its index) on the nine
-- tenant-scoped tables. tenant_id is text: the application's ids are text, and the document's policy compares
-- tenant_id with current_setting('app.current_tenant_id', true), a text, without a cast.
-- The tables are empty when this runs (multi-tenancy before launch), so NOT NULL needs no backfill.

CREATE TABLE tenants (
    id         text PRIMARY KEY DEFAULT gen_random_uuid()::text,
    slug       text NOT NULL UNIQUE,
    name       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
-- The tenant registry is read before any tenant context exists (resolving a tenant from its slug): SELECT
-- only, and no row-level security.
GRANT SELECT ON tenants TO app_user;

ALTER TABLE skills ADD COLUMN tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE;
CREATE INDEX skills_tenant_id_idx ON skills (tenant_id);
ALTER TABLE users ADD COLUMN tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE;
CREATE INDEX users_tenant_id_idx ON users (tenant_id);
ALTER TABLE ratings ADD COLUMN tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE;
CREATE INDEX ratings_tenant_id_idx ON ratings (tenant_id);
ALTER TABLE usage_events ADD COLUMN tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE;
CREATE INDEX usage_events_tenant_id_idx ON usage_events (tenant_id);
ALTER TABLE skill_versions ADD COLUMN tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE;
CREATE INDEX skill_versions_tenant_id_idx ON skill_versions (tenant_id);
ALTER TABLE skill_embeddings ADD COLUMN tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE;
CREATE INDEX skill_embeddings_tenant_id_idx ON skill_embeddings (tenant_id);
ALTER TABLE skill_reviews ADD COLUMN tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE;
CREATE INDEX skill_reviews_tenant_id_idx ON skill_reviews (tenant_id);
ALTER TABLE api_keys ADD COLUMN tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE;
CREATE INDEX api_keys_tenant_id_idx ON api_keys (tenant_id);
ALTER TABLE site_settings ADD COLUMN tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE;
CREATE INDEX site_settings_tenant_id_idx ON site_settings (tenant_id);

-- Per-tenant uniqueness where it was global.
ALTER TABLE skills ADD CONSTRAINT skills_tenant_id_slug_key UNIQUE (tenant_id, slug);
ALTER TABLE users ADD CONSTRAINT users_tenant_id_email_key UNIQUE (tenant_id, email);
ALTER TABLE site_settings ADD CONSTRAINT site_settings_tenant_id_key_key UNIQUE (tenant_id, key);
