-- Undo of V3_1.
DROP TABLE habits.habits;
DROP TABLE habits.program_templates;
REVOKE USAGE ON SCHEMA habits FROM authenticated, service_role;
DROP SCHEMA habits;
