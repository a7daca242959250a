-- As Prisma's row-level-security example has it: the application connects as the tables' owner, and every table has
-- FORCE ROW LEVEL SECURITY, so the policies hold for the owner too; no other role is granted anything. TRUNCATE
-- ignores policies, and an owner holds it until it revokes it from itself.
CREATE TABLE companies (
    id uuid PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE users (
    id bigserial PRIMARY KEY,
    company_id uuid NOT NULL REFERENCES companies (id),
    email text NOT NULL
);
CREATE INDEX users_company_id ON users (company_id);

ALTER TABLE companies ENABLE ROW LEVEL SECURITY;
ALTER TABLE companies FORCE ROW LEVEL SECURITY;
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;

CREATE POLICY company_isolation ON companies
    USING (id = (select nullif(current_setting('app.current_company_id', true), '')::uuid));
CREATE POLICY company_isolation ON users
    USING (company_id = (select nullif(current_setting('app.current_company_id', true), '')::uuid));

REVOKE TRUNCATE ON companies, users FROM CURRENT_USER;
