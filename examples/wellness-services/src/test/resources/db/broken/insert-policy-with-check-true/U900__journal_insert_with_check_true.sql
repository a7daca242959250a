DROP POLICY "Enable insert for authenticated users only" ON public.journal_entries;
CREATE POLICY "Users can insert own journal entries" ON public.journal_entries
    FOR INSERT TO authenticated
    WITH CHECK (user_id = auth.uid());
