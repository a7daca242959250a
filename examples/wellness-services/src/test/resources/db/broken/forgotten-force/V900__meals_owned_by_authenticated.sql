-- BROKEN VARIANT: forgotten FORCE (the table is owned by the API role).
-- meals_service's old init_db() ran metadata.create_all() with the API role's credentials (Issue 2 of the
-- document), so meals.meals ends up owned by authenticated. RLS is enabled but not forced, and a table's owner
-- is exempt from its policies unless RLS is forced: every signed-in user now reads and writes every user's meals.
ALTER TABLE meals.meals OWNER TO authenticated;
ALTER TABLE meals.meals NO FORCE ROW LEVEL SECURITY;
