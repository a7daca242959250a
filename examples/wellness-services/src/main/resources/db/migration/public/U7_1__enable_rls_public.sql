-- Undo of V7_1.
DROP POLICY "Users can view own vouchers" ON public.vouchers;
DROP POLICY "Users can delete own journal entries" ON public.journal_entries;
DROP POLICY "Users can update own journal entries" ON public.journal_entries;
DROP POLICY "Users can insert own journal entries" ON public.journal_entries;
DROP POLICY "Users can view own journal entries" ON public.journal_entries;
ALTER TABLE public.vouchers DISABLE ROW LEVEL SECURITY;
ALTER TABLE public.journal_entries DISABLE ROW LEVEL SECURITY;
