-- BROKEN VARIANT: the document's "BAD: Causes infinite recursion" policy.
-- "Members see the other members of their teams", written as a policy on team_members that queries
-- team_members: evaluating the policy applies the policy again. Every query of an RLS-bound role that touches
-- team_members fails with "infinite recursion detected in policy for relation team_members" (an outage, not a
-- leak). team_data is unaffected: user_team_ids() is SECURITY DEFINER and reads team_members without RLS.
DROP POLICY "check_membership" ON public.team_members;
CREATE POLICY "check_membership"
ON public.team_members FOR SELECT
USING (
  user_id IN (
    SELECT user_id FROM team_members  -- References same table = INFINITE LOOP
    WHERE team_id = team_members.team_id
  )
);
