-- meals schema (meals_service, revision 0001_init).
CREATE SCHEMA meals;

CREATE TABLE meals.meals (
    id       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id  uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
    name     text NOT NULL,
    eaten_at timestamptz NOT NULL DEFAULT now(),
    calories integer CHECK (calories >= 0)
);
CREATE INDEX meals_user_id_idx ON meals.meals (user_id);

GRANT USAGE ON SCHEMA meals TO authenticated, service_role;
GRANT SELECT, INSERT, UPDATE, DELETE ON meals.meals TO authenticated;
GRANT ALL ON meals.meals TO service_role;
