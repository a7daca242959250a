-- Row-level security (the document's infra-v2/bootstrap/04-apply-rls-policies.sh, run after every service's
-- migrations: version 7.x, minor = the service's number). Users reach only their own rows: user_id = auth.uid(),
-- auth.uid() being the "sub" claim of the request's JWT. service_role has BYPASSRLS (the services use it and
-- must filter by user themselves: see PracticeService). RLS is enabled, not forced: as in Supabase the tables
-- belong to the migrating superuser, which bypasses RLS anyway, and no API role owns a table.

ALTER TABLE habits.habits ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Users can view own habits" ON habits.habits
    FOR SELECT TO authenticated
    USING (user_id = auth.uid());
CREATE POLICY "Users can insert own habits" ON habits.habits
    FOR INSERT TO authenticated
    WITH CHECK (user_id = auth.uid());
CREATE POLICY "Users can update own habits" ON habits.habits
    FOR UPDATE TO authenticated
    USING (user_id = auth.uid())
    WITH CHECK (user_id = auth.uid());
CREATE POLICY "Users can delete own habits" ON habits.habits
    FOR DELETE TO authenticated
    USING (user_id = auth.uid());
