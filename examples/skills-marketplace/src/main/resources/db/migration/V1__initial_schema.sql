-- Skills marketplace, the schema before multi-tenancy (phase 25 adds tenants, tenant_id, RLS).
-- Ids are text (Drizzle: text('id').primaryKey().$defaultFn(() => crypto.randomUUID())); the database default
-- produces the same uuid strings.

-- The role the application connects as. The document does not name it; app_user owns nothing (the tables
-- belong to the migrating superuser) and gets exactly the DML it needs.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_user') THEN
        CREATE ROLE app_user NOLOGIN;
    END IF;
END
$$;

CREATE TABLE users (
    id         text PRIMARY KEY DEFAULT gen_random_uuid()::text,
    email      text NOT NULL,
    name       text,
    role       text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE skills (
    id          text PRIMARY KEY DEFAULT gen_random_uuid()::text,
    author_id   text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    slug        text NOT NULL,
    name        text NOT NULL,
    description text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE skill_versions (
    id         text PRIMARY KEY DEFAULT gen_random_uuid()::text,
    skill_id   text NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    version    text NOT NULL,
    content    text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (skill_id, version)
);

-- pgvector in the original; a plain real[] here (no extension needed).
CREATE TABLE skill_embeddings (
    id               text PRIMARY KEY DEFAULT gen_random_uuid()::text,
    skill_id         text NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    skill_version_id text REFERENCES skill_versions (id) ON DELETE CASCADE,
    model            text NOT NULL,
    embedding        real[] NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ratings (
    id         text PRIMARY KEY DEFAULT gen_random_uuid()::text,
    skill_id   text NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    user_id    text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    score      smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (skill_id, user_id)
);

CREATE TABLE usage_events (
    id          text PRIMARY KEY DEFAULT gen_random_uuid()::text,
    skill_id    text NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    user_id     text REFERENCES users (id) ON DELETE SET NULL,
    event       text NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE skill_reviews (
    id          text PRIMARY KEY DEFAULT gen_random_uuid()::text,
    skill_id    text NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    reviewer_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    body        text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
    id           text PRIMARY KEY DEFAULT gen_random_uuid()::text,
    user_id      text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text NOT NULL,
    key_hash     text NOT NULL UNIQUE,
    last_used_at timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE site_settings (
    id         text PRIMARY KEY DEFAULT gen_random_uuid()::text,
    key        text NOT NULL,
    value      jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE, DELETE ON users, skills, skill_versions, skill_embeddings, ratings, usage_events,
    skill_reviews, api_keys, site_settings TO app_user;
