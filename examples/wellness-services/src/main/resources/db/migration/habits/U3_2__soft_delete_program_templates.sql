-- Undo of V3_2.
DROP INDEX habits.program_templates_active_idx;
ALTER TABLE habits.program_templates DROP COLUMN deleted_at;
