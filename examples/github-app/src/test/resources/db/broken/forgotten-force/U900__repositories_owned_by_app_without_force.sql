-- Give the table back to the migrating superuser and force RLS again. The ownership change folded app_api's
-- explicit grant into the owner's privileges and re-issued the other grants in app_api's name, so the grants
-- are rebuilt in their original order (the ACL is then identical to the one before V900).
ALTER TABLE repositories FORCE ROW LEVEL SECURITY;
ALTER TABLE repositories OWNER TO CURRENT_USER;
REVOKE ALL ON repositories FROM app_worker, app_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON repositories TO app_api;
GRANT SELECT ON repositories TO app_worker;
GRANT SELECT ON repositories TO app_admin;
