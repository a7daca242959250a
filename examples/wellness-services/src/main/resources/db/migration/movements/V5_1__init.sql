-- movements schema (movements_service, revision 0001_init).
CREATE SCHEMA movements;

CREATE TABLE movements.movements (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
    kind             text NOT NULL,
    duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
    performed_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX movements_user_id_idx ON movements.movements (user_id);

GRANT USAGE ON SCHEMA movements TO authenticated, service_role;
GRANT SELECT, INSERT, UPDATE, DELETE ON movements.movements TO authenticated;
GRANT ALL ON movements.movements TO service_role;
