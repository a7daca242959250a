-- Row-level security (the document's infra-v2/bootstrap/04-apply-rls-policies.sh, run after every service's
-- migrations: version 7.x, minor = the service's number). Users reach only their own rows: user_id = auth.uid(),
-- auth.uid() being the "sub" claim of the request's JWT. service_role has BYPASSRLS (the services use it and
-- must filter by user themselves: see PracticeService). RLS is enabled, not forced: as in Supabase the tables
-- belong to the migrating superuser, which bypasses RLS anyway, and no API role owns a table.

ALTER TABLE public.journal_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.vouchers ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Users can view own journal entries" ON public.journal_entries
    FOR SELECT TO authenticated
    USING (user_id = auth.uid());
CREATE POLICY "Users can insert own journal entries" ON public.journal_entries
    FOR INSERT TO authenticated
    WITH CHECK (user_id = auth.uid());
CREATE POLICY "Users can update own journal entries" ON public.journal_entries
    FOR UPDATE TO authenticated
    USING (user_id = auth.uid())
    WITH CHECK (user_id = auth.uid());
CREATE POLICY "Users can delete own journal entries" ON public.journal_entries
    FOR DELETE TO authenticated
    USING (user_id = auth.uid());

-- Vouchers are issued and redeemed by the agent service (service_role); users may only read their own.
CREATE POLICY "Users can view own vouchers" ON public.vouchers
    FOR SELECT TO authenticated
    USING (user_id = auth.uid());
