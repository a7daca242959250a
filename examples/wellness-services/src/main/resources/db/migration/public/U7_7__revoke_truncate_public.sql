-- Undo of V7_7.
GRANT TRUNCATE, TRIGGER, REFERENCES ON public.journal_entries, public.vouchers TO anon, authenticated;
