-- BROKEN VARIANT: forgotten FORCE.
-- The evf table ends up owned by evf_app (the app ran Base.metadata.create_all() with its own credentials) and
-- FORCE ROW LEVEL SECURITY was dropped. The owner is exempt from the policy unless RLS is forced: evf_app reads
-- and writes every tenant's EVFs, with or without app.current_tenant.
ALTER TABLE evf OWNER TO evf_app;
ALTER TABLE evf NO FORCE ROW LEVEL SECURITY;
