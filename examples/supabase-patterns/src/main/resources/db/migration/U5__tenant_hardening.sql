-- Undo of V5.
DROP INDEX public.idx_team_data_created_by;
ALTER POLICY "team_member_access" ON public.team_data
  USING (team_id = ANY(public.user_team_ids()))
  WITH CHECK (team_id = ANY(public.user_team_ids()));

GRANT TRUNCATE, TRIGGER, REFERENCES ON public.profiles, public.posts, public.comments, public.teams,
    public.team_members, public.team_data TO anon, authenticated;
GRANT TRUNCATE, TRIGGER, REFERENCES ON storage.objects TO anon, authenticated;
