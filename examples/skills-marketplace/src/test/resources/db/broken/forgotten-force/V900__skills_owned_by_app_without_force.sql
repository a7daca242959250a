-- BROKEN VARIANT: forgotten FORCE. Layered on db/migration + db/corrected.
-- skills ends up owned by the application role (drizzle-kit push run with the app's credentials) and FORCE was
-- dropped. Neither the restrictive nor the permissive policy applies to a table's owner unless RLS is forced:
-- app_user reads and writes every tenant's skills, with or without app.current_tenant_id.
ALTER TABLE skills OWNER TO app_user;
ALTER TABLE skills NO FORCE ROW LEVEL SECURITY;
