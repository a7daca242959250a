-- Undoes V7_8: the policies read the identity as before, outside a subquery.
ALTER POLICY "Users can delete own habits" ON habits.habits
    USING ((user_id = auth.uid()));
ALTER POLICY "Users can insert own habits" ON habits.habits
    WITH CHECK ((user_id = auth.uid()));
ALTER POLICY "Users can update own habits" ON habits.habits
    USING ((user_id = auth.uid()))
    WITH CHECK ((user_id = auth.uid()));
ALTER POLICY "Users can view own habits" ON habits.habits
    USING ((user_id = auth.uid()));
ALTER POLICY "Users can delete own meals" ON meals.meals
    USING ((user_id = auth.uid()));
ALTER POLICY "Users can insert own meals" ON meals.meals
    WITH CHECK ((user_id = auth.uid()));
ALTER POLICY "Users can update own meals" ON meals.meals
    USING ((user_id = auth.uid()))
    WITH CHECK ((user_id = auth.uid()));
ALTER POLICY "Users can view own meals" ON meals.meals
    USING ((user_id = auth.uid()));
ALTER POLICY "Users can delete own movements" ON movements.movements
    USING ((user_id = auth.uid()));
ALTER POLICY "Users can insert own movements" ON movements.movements
    WITH CHECK ((user_id = auth.uid()));
ALTER POLICY "Users can update own movements" ON movements.movements
    USING ((user_id = auth.uid()))
    WITH CHECK ((user_id = auth.uid()));
ALTER POLICY "Users can view own movements" ON movements.movements
    USING ((user_id = auth.uid()));
ALTER POLICY "Users can delete own practices" ON practices.practice_instances
    USING (((auth.uid())::text = user_id));
ALTER POLICY "Users can insert own practices" ON practices.practice_instances
    WITH CHECK (((auth.uid())::text = user_id));
ALTER POLICY "Users can update own practices" ON practices.practice_instances
    USING (((auth.uid())::text = user_id))
    WITH CHECK (((auth.uid())::text = user_id));
ALTER POLICY "Users can view own practices" ON practices.practice_instances
    USING (((auth.uid())::text = user_id));
ALTER POLICY "Users can delete own journal entries" ON public.journal_entries
    USING ((user_id = auth.uid()));
ALTER POLICY "Users can insert own journal entries" ON public.journal_entries
    WITH CHECK ((user_id = auth.uid()));
ALTER POLICY "Users can update own journal entries" ON public.journal_entries
    USING ((user_id = auth.uid()))
    WITH CHECK ((user_id = auth.uid()));
ALTER POLICY "Users can view own journal entries" ON public.journal_entries
    USING ((user_id = auth.uid()));
ALTER POLICY "Users can view own vouchers" ON public.vouchers
    USING ((user_id = auth.uid()));
