-- Undo of V4_1.
DROP TABLE meals.meals;
REVOKE USAGE ON SCHEMA meals FROM authenticated, service_role;
DROP SCHEMA meals;
