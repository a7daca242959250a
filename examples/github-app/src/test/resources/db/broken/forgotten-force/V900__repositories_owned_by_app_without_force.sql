-- BROKEN VARIANT: forgotten FORCE.
-- repositories ends up owned by the application role (e.g. created by an app-run bootstrap), and its FORCE ROW
-- LEVEL SECURITY was dropped. A table owner is exempt from its table's policies unless RLS is forced, so
-- app_api now sees and writes every installation's repositories, whatever app.current_installation_id says.
ALTER TABLE repositories OWNER TO app_api;
ALTER TABLE repositories NO FORCE ROW LEVEL SECURITY;
