-- Notes of each tenant, isolated by row-level security for the application's role.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'notes_user') THEN
        CREATE ROLE notes_user NOLOGIN;
    END IF;
END
$$;

CREATE TABLE notes (
    id bigserial PRIMARY KEY,
    tenant_id uuid NOT NULL,
    body text NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON notes TO notes_user;
GRANT USAGE ON SEQUENCE notes_id_seq TO notes_user;
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notes FOR ALL TO notes_user
    USING (tenant_id = nullif(current_setting('app.current_tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.current_tenant_id', true), '')::uuid);
