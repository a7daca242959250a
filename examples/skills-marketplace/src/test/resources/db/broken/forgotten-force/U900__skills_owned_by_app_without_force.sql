-- Give the table back to the migrating superuser, force RLS again, restore app_user's explicit grant (the
-- ownership change folded it into the owner's privileges).
ALTER TABLE skills FORCE ROW LEVEL SECURITY;
ALTER TABLE skills OWNER TO CURRENT_USER;
GRANT SELECT, INSERT, UPDATE, DELETE ON skills TO app_user;
