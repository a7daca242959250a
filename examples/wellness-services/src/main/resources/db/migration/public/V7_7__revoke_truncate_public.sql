-- Supabase's default privileges grant ALL on public tables to anon and authenticated, TRUNCATE and TRIGGER
-- included. TRUNCATE ignores row-level security (a signed-in user could empty every user's journal), and a trigger
-- of the user's own would see every user's writes. The API needs neither (version 7.7: after 7.1's policies).
REVOKE TRUNCATE, TRIGGER, REFERENCES ON public.journal_entries, public.vouchers FROM anon, authenticated;
