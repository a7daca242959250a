-- The EVF platform's schema, as its Spring Boot application uses it (a subset of the evf-platform example's).
--   evf_app    : the role of every tenant-scoped path; policies bind it. Tenant set per transaction in
--                app.current_tenant (set_config(..., true)).
--   evf_system : monitoring across tenants: BYPASSRLS, read-only.
--   evf_api    : the role the application's pool logs in as: a member of both, subject to evf_app's policies.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'evf_app') THEN
        CREATE ROLE evf_app NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'evf_system') THEN
        CREATE ROLE evf_system NOLOGIN BYPASSRLS;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'evf_api') THEN
        CREATE ROLE evf_api LOGIN;
    END IF;
END
$$;
GRANT evf_app TO evf_api;
GRANT evf_system TO evf_api;

CREATE TABLE tenants (
    id   uuid PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE evf (
    id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name      text NOT NULL,
    status    text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved')),
    UNIQUE (tenant_id, id)
);

CREATE TABLE compliance_checks (
    id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL,
    evf_id    uuid NOT NULL,
    status    text NOT NULL CHECK (status IN ('pending', 'approved')),
    FOREIGN KEY (tenant_id, evf_id) REFERENCES evf (tenant_id, id)
);
CREATE INDEX compliance_checks_tenant_id_idx ON compliance_checks (tenant_id);

ALTER TABLE evf ENABLE ROW LEVEL SECURITY;
ALTER TABLE evf FORCE ROW LEVEL SECURITY;
ALTER TABLE compliance_checks ENABLE ROW LEVEL SECURITY;
ALTER TABLE compliance_checks FORCE ROW LEVEL SECURITY;

GRANT SELECT, INSERT, UPDATE, DELETE ON evf, compliance_checks TO evf_app;
GRANT SELECT ON evf, compliance_checks TO evf_system;

CREATE POLICY tenant_isolation ON evf FOR ALL TO evf_app
    USING (tenant_id = nullif(current_setting('app.current_tenant', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.current_tenant', true), '')::uuid);
CREATE POLICY tenant_isolation ON compliance_checks FOR ALL TO evf_app
    USING (tenant_id = nullif(current_setting('app.current_tenant', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.current_tenant', true), '')::uuid);
