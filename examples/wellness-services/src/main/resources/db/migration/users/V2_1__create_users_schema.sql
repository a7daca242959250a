-- users schema (users_service, which had no Alembic config: this is its "initial schema" migration).
-- The users service keeps the profile and the per-service roles that the other services check in Python
-- (current_user.has_role("admin", "practices")). Only the services reach it, through service_role: anon and
-- authenticated get no USAGE on the schema, so these tables need no row-level security (the document's RLS
-- script does not cover them either).
CREATE SCHEMA users;

CREATE TABLE users.users (
    id           uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE,
    email        text NOT NULL,
    display_name text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users.user_roles (
    user_id uuid NOT NULL REFERENCES users.users (id) ON DELETE CASCADE,
    role    text NOT NULL CHECK (role IN ('member', 'coach', 'admin')),
    service text NOT NULL CHECK (service IN ('journal', 'habits', 'meals', 'movements', 'practices')),
    PRIMARY KEY (user_id, role, service)
);

GRANT USAGE ON SCHEMA users TO service_role;
GRANT ALL ON users.users, users.user_roles TO service_role;
