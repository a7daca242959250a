-- habits schema (habits_service, revision 189b1231afd4 "bootstrap_tables").
CREATE SCHEMA habits;

-- Catalog of habit programs, shared by every user (not user data: no row-level security, read-only to users).
CREATE TABLE habits.program_templates (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL,
    description text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE habits.habits (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
    template_id uuid REFERENCES habits.program_templates (id),
    name        text NOT NULL,
    frequency   text NOT NULL DEFAULT 'daily' CHECK (frequency IN ('daily', 'weekly')),
    streak      integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX habits_user_id_idx ON habits.habits (user_id);

-- Not in public, so no Supabase default privileges: the schema grants its own, as a Supabase project must.
GRANT USAGE ON SCHEMA habits TO authenticated, service_role;
GRANT SELECT ON habits.program_templates TO authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE ON habits.habits TO authenticated;
GRANT ALL ON habits.program_templates, habits.habits TO service_role;
