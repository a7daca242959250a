-- BROKEN VARIANT: an INSERT policy without a real WITH CHECK.
-- The owner check of the journal INSERT policy is replaced by the Supabase dashboard template "Enable insert for
-- authenticated users only", whose WITH CHECK is (true): any signed-in user may insert journal entries with
-- any user_id, i.e. write into another user's journal (the victim then reads them as their own).
-- (A FOR ALL or FOR UPDATE policy with USING and no WITH CHECK is not a flaw in PostgreSQL: USING is then used as
-- the WITH CHECK. For INSERT a WITH CHECK that checks nothing is the form this mistake takes.)
DROP POLICY "Users can insert own journal entries" ON public.journal_entries;
CREATE POLICY "Enable insert for authenticated users only" ON public.journal_entries
    FOR INSERT TO authenticated
    WITH CHECK (true);
