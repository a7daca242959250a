-- Undo of V2_1.
DROP TABLE users.user_roles;
DROP TABLE users.users;
REVOKE USAGE ON SCHEMA users FROM service_role;
DROP SCHEMA users;
