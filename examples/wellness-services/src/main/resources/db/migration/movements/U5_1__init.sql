-- Undo of V5_1.
DROP TABLE movements.movements;
REVOKE USAGE ON SCHEMA movements FROM authenticated, service_role;
DROP SCHEMA movements;
