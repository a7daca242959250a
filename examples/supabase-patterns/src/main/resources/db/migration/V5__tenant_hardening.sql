-- What the policy audit found in the template, fixed:
-- 1. Supabase's default privileges grant ALL on public tables to anon and authenticated, TRUNCATE, TRIGGER and
--    REFERENCES included. TRUNCATE ignores row-level security: any signed-in user could empty a table of every
--    user's rows. The API never needs them.
REVOKE TRUNCATE, TRIGGER, REFERENCES ON public.profiles, public.posts, public.comments, public.teams,
    public.team_members, public.team_data FROM anon, authenticated;
-- The storage schema grants ALL on its objects table the same way; the deny matrix's TRUNCATE test found it.
REVOKE TRUNCATE, TRIGGER, REFERENCES ON storage.objects FROM anon, authenticated;

-- 2. team_data.created_by was not checked: a member could write a row of the team in another user's name. A member
--    now writes rows as themselves (created_by = auth.uid()); editing another member's row is refused, since the
--    new row would still name the other member.
ALTER POLICY "team_member_access" ON public.team_data
  USING (team_id = ANY(public.user_team_ids()))
  WITH CHECK (team_id = ANY(public.user_team_ids()) AND created_by = (select auth.uid()));
CREATE INDEX idx_team_data_created_by ON public.team_data (created_by);
