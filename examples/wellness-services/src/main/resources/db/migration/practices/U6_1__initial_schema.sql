-- Undo of V6_1.
DROP TABLE practices.practice_instances;
REVOKE USAGE ON SCHEMA practices FROM authenticated, service_role;
DROP SCHEMA practices;
