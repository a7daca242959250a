-- practices schema (practices_service, which had no Alembic config and used metadata.create_all(): this is the
-- "initial schema" migration the document asks for).
-- user_id is text, as the document's policy compares auth.uid()::text = user_id.
CREATE SCHEMA practices;

CREATE TABLE practices.practice_instances (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       text NOT NULL,
    practice_name text NOT NULL,
    scheduled_for date,
    completed_at  timestamptz,
    notes         text,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX practice_instances_user_id_idx ON practices.practice_instances (user_id);

GRANT USAGE ON SCHEMA practices TO authenticated, service_role;
GRANT SELECT, INSERT, UPDATE, DELETE ON practices.practice_instances TO authenticated;
GRANT ALL ON practices.practice_instances TO service_role;
