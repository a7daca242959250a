-- EVF Portugal 2030 platform: roles and the tenant registry.
--   evf_app    : the role of every tenant-scoped path: FastAPI routes (get_db_with_tenant), background tasks and
--                LangGraph agents (rls_enforced_session). Subject to RLS; sees a tenant's rows only while
--                app.current_tenant is set, per transaction (SET LOCAL / set_config(..., true)).
--   evf_system : system operations without a tenant (health checks, monitoring, tenant administration): the
--                document's assert_rls_enforced(allow_system=True). BYPASSRLS, and only the privileges those
--                operations need.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'evf_app') THEN
        CREATE ROLE evf_app NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'evf_system') THEN
        CREATE ROLE evf_system NOLOGIN BYPASSRLS;
    END IF;
END
$$;

-- The tenants (consultancies / promoters). Not readable by evf_app: the tenant comes from the authenticated
-- request (JWT), not from a lookup.
CREATE TABLE tenants (
    id         uuid PRIMARY KEY,
    name       text NOT NULL,
    nif        text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE, DELETE ON tenants TO evf_system;
