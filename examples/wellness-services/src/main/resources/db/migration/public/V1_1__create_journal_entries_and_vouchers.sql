-- public schema (the agent + journal services, src/alembic-config): journal entries and vouchers.
-- Runs after the Supabase preset (roles anon/authenticated/service_role, auth.*, default privileges on public:
-- every table created here is granted ALL to anon, authenticated and service_role, as in Supabase; row-level
-- security, enabled in V7_1, decides which rows).
-- user_id is the Supabase auth user id (auth.users.id), the same id the services receive as x-internal-id.

CREATE TABLE public.journal_entries (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
    title      text,
    content    text NOT NULL,
    mood       smallint CHECK (mood BETWEEN 1 AND 5),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX journal_entries_user_id_idx ON public.journal_entries (user_id);

CREATE TABLE public.vouchers (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code         text NOT NULL UNIQUE,
    user_id      uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
    amount_cents integer NOT NULL CHECK (amount_cents > 0),
    issued_at    timestamptz NOT NULL DEFAULT now(),
    redeemed_at  timestamptz
);
CREATE INDEX vouchers_user_id_idx ON public.vouchers (user_id);
