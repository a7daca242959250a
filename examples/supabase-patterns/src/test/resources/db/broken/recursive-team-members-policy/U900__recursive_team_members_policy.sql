DROP POLICY "check_membership" ON public.team_members;
CREATE POLICY "check_membership"
ON public.team_members FOR SELECT
USING (user_id = auth.uid());
