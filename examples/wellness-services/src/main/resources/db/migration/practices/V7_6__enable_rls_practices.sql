-- Row-level security (the document's infra-v2/bootstrap/04-apply-rls-policies.sh, run after every service's
-- migrations: version 7.x, minor = the service's number). Users reach only their own rows: user_id = auth.uid(),
-- auth.uid() being the "sub" claim of the request's JWT. service_role has BYPASSRLS (the services use it and
-- must filter by user themselves: see PracticeService). RLS is enabled, not forced: as in Supabase the tables
-- belong to the migrating superuser, which bypasses RLS anyway, and no API role owns a table.
-- practice_instances.user_id is text: the policies compare auth.uid()::text = user_id. The SELECT policy is the
-- document's, word for word (no TO clause: it applies to every role; anon has no USAGE on the schema anyway).

ALTER TABLE practices.practice_instances ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Users can view own practices"
  ON practices.practice_instances
  FOR SELECT
  USING (auth.uid()::text = user_id);
CREATE POLICY "Users can insert own practices" ON practices.practice_instances
    FOR INSERT TO authenticated
    WITH CHECK (auth.uid()::text = user_id);
CREATE POLICY "Users can update own practices" ON practices.practice_instances
    FOR UPDATE TO authenticated
    USING (auth.uid()::text = user_id)
    WITH CHECK (auth.uid()::text = user_id);
CREATE POLICY "Users can delete own practices" ON practices.practice_instances
    FOR DELETE TO authenticated
    USING (auth.uid()::text = user_id);
