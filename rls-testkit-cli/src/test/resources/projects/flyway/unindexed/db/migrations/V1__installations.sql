-- A GitHub app's schema, as a Python team writes it: every installation's rows behind row-level security.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_user') THEN
        CREATE ROLE app_user NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_worker') THEN
        CREATE ROLE app_worker NOLOGIN BYPASSRLS;
    END IF;
END
$$;

CREATE TABLE installations (
    id uuid PRIMARY KEY,
    account text NOT NULL
);

CREATE TABLE repositories (
    id bigserial PRIMARY KEY,
    installation_id uuid NOT NULL REFERENCES installations (id),
    full_name text NOT NULL,
    UNIQUE (installation_id, id)
);
CREATE INDEX repositories_installation_id ON repositories (installation_id);

GRANT SELECT ON installations TO app_user, app_worker;
GRANT SELECT, INSERT, UPDATE, DELETE ON repositories TO app_user, app_worker;
GRANT USAGE ON SEQUENCE repositories_id_seq TO app_user, app_worker;

ALTER TABLE repositories ENABLE ROW LEVEL SECURITY;
ALTER TABLE repositories FORCE ROW LEVEL SECURITY;
CREATE POLICY installation_isolation ON repositories FOR ALL TO app_user
    USING (installation_id = (select nullif(current_setting('app.current_installation_id', true), '')::uuid))
    WITH CHECK (installation_id = (select nullif(current_setting('app.current_installation_id', true), '')::uuid));
