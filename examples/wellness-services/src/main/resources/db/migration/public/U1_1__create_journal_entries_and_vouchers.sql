-- Undo of V1_1 (the default privileges granted on these tables go with them).
DROP TABLE public.vouchers;
DROP TABLE public.journal_entries;
