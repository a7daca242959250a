-- BROKEN VARIANT: policies declared, row-level security off. Layered on db/migration + db/corrected.
-- The pgPolicy declarations are there (pg_policies lists both policies of api_keys) but RLS was never enabled
-- on the table (or a later migration recreated it): PostgreSQL ignores the policies, and app_user reads every
-- tenant's API keys.
ALTER TABLE api_keys NO FORCE ROW LEVEL SECURITY;
ALTER TABLE api_keys DISABLE ROW LEVEL SECURITY;
