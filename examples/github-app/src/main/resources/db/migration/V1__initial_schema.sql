-- GitHub app, initial schema (the Alembic base revision of apps/api).
-- Tenants are GitHub App installations. GitHub installation ids are bigints; the schema keys installations
-- by an internal uuid (installations.id) and keeps GitHub's number in github_installation_id, so that every
-- installation-scoped table carries installation_id uuid (the kit binds tenant ids as uuid).
-- Row-level security comes in V2 (installation-scoped tables) and V3 (user-scoped tables), as in the original
-- revision chain.

-- Roles (cluster-wide, so guarded). The application never connects as the table owner.
--   app_api    : the FastAPI process, for API requests (installation + user context) and webhooks (installation only)
--   app_worker : background workers (review jobs, webhook dispatcher); no user context unless acting for one user
--   app_admin  : the admin endpoints; read-only, across installations, never user secrets
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_api') THEN
        CREATE ROLE app_api NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_worker') THEN
        CREATE ROLE app_worker NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_admin') THEN
        CREATE ROLE app_admin NOLOGIN;
    END IF;
END
$$;

CREATE TABLE installations (
    id                     uuid PRIMARY KEY,
    github_installation_id bigint NOT NULL UNIQUE,
    account_login          text NOT NULL,
    created_at             timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE installation_members (
    installation_id uuid NOT NULL REFERENCES installations (id) ON DELETE CASCADE,
    user_github_id  bigint NOT NULL,
    login           text NOT NULL,
    role            text NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (installation_id, user_github_id)
);
CREATE INDEX installation_members_user_github_id_idx ON installation_members (user_github_id);

CREATE TABLE repositories (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    installation_id uuid NOT NULL REFERENCES installations (id) ON DELETE CASCADE,
    github_repo_id  bigint NOT NULL UNIQUE,
    full_name       text NOT NULL,
    private         boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (installation_id, id)
);
CREATE INDEX repositories_installation_id_idx ON repositories (installation_id);

CREATE TABLE pull_request_reviews (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    installation_id        uuid NOT NULL REFERENCES installations (id) ON DELETE CASCADE,
    repository_id          uuid NOT NULL,
    pr_number              integer NOT NULL,
    head_sha               text NOT NULL,
    status                 text NOT NULL DEFAULT 'pending'
                               CHECK (status IN ('pending', 'running', 'completed', 'failed')),
    summary                text,
    requested_by_github_id bigint,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    -- a review can only point at a repository of its own installation
    FOREIGN KEY (installation_id, repository_id) REFERENCES repositories (installation_id, id) ON DELETE CASCADE
);
CREATE INDEX pull_request_reviews_installation_id_idx ON pull_request_reviews (installation_id);

CREATE TABLE webhook_deliveries (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    installation_id    uuid NOT NULL REFERENCES installations (id) ON DELETE CASCADE,
    github_delivery_id text NOT NULL UNIQUE,
    event              text NOT NULL,
    action             text,
    payload            jsonb NOT NULL DEFAULT '{}'::jsonb,
    status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processed', 'failed')),
    received_at        timestamptz NOT NULL DEFAULT now(),
    processed_at       timestamptz
);
CREATE INDEX webhook_deliveries_installation_id_idx ON webhook_deliveries (installation_id);

-- User-scoped: the LLM provider keys a user registers (RLS in V3).
CREATE TABLE user_api_keys (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_github_id bigint NOT NULL,
    key_hint       text NOT NULL,
    encrypted_key  text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_used_at   timestamptz
);
CREATE INDEX user_api_keys_user_github_id_idx ON user_api_keys (user_github_id);

-- Privileges: exactly what each actor needs; the tenant registry (installations) is not readable by app_api.
GRANT SELECT, INSERT, UPDATE, DELETE ON installation_members, repositories, pull_request_reviews, webhook_deliveries
    TO app_api;
GRANT SELECT, INSERT, UPDATE, DELETE ON user_api_keys TO app_api;

GRANT SELECT, INSERT, UPDATE ON installations TO app_worker;
GRANT SELECT ON installation_members, repositories TO app_worker;
GRANT SELECT, INSERT, UPDATE ON pull_request_reviews TO app_worker;
GRANT SELECT, UPDATE ON webhook_deliveries TO app_worker;
GRANT SELECT ON user_api_keys TO app_worker;

GRANT SELECT ON installations, installation_members, repositories, pull_request_reviews, webhook_deliveries
    TO app_admin;
