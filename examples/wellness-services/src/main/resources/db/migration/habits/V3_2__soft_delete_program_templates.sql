-- habits_service revision 3b7a1d2e4f56 "soft_delete_program_templates".
ALTER TABLE habits.program_templates ADD COLUMN deleted_at timestamptz;
CREATE INDEX program_templates_active_idx ON habits.program_templates (name) WHERE deleted_at IS NULL;
