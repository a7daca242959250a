-- Give the table back to the migrating superuser, force RLS again, and rebuild the grants in their original
-- order (the ownership change folded evf_app's grant into the owner's privileges and re-issued evf_system's
-- grant in evf_app's name).
ALTER TABLE evf FORCE ROW LEVEL SECURITY;
ALTER TABLE evf OWNER TO CURRENT_USER;
REVOKE ALL ON evf FROM evf_system;
GRANT SELECT, INSERT, UPDATE, DELETE ON evf TO evf_app;
GRANT SELECT ON evf TO evf_system;
