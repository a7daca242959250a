-- BROKEN VARIANT: policies without row-level security.
-- A later revision recreated installation_members (or a manual hotfix ran) and row-level security was not
-- enabled again: the policy is still there, visible in pg_policies, but PostgreSQL ignores policies of a table
-- whose RLS is disabled. app_api sees every installation's members and can add itself to any installation.
ALTER TABLE installation_members NO FORCE ROW LEVEL SECURITY;
ALTER TABLE installation_members DISABLE ROW LEVEL SECURITY;
