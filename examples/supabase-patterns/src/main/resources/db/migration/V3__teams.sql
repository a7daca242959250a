-- Teams: membership and team data, with the document's "Solution 1" on team_members (no self-reference) and
-- "Solution 2" for team data (a SECURITY DEFINER helper that reads team_members without RLS, so no recursion).

CREATE TABLE public.teams (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name       text NOT NULL,
  created_by uuid REFERENCES auth.users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE public.team_members (
  team_id    uuid NOT NULL REFERENCES public.teams (id) ON DELETE CASCADE,
  user_id    uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  role       text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'member')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX idx_team_members_user_id ON public.team_members (user_id);

CREATE TABLE public.team_data (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id    uuid NOT NULL REFERENCES public.teams (id) ON DELETE CASCADE,
  title      text NOT NULL,
  content    text,
  created_by uuid REFERENCES auth.users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_team_data_team_id ON public.team_data (team_id);

-- GOOD: Function bypasses RLS when checking team membership (fixed search_path, see is_super_admin()).
CREATE FUNCTION public.user_team_ids()
RETURNS UUID[] AS $$
BEGIN
  RETURN ARRAY(
    SELECT team_id FROM public.team_members
    WHERE user_id = auth.uid()
  );
END;
$$ LANGUAGE plpgsql SECURITY DEFINER STABLE SET search_path = '';

ALTER TABLE public.teams ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.teams FORCE ROW LEVEL SECURITY;
ALTER TABLE public.team_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.team_members FORCE ROW LEVEL SECURITY;
ALTER TABLE public.team_data ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.team_data FORCE ROW LEVEL SECURITY;

-- 1. Super admin bypass (ALWAYS FIRST)
CREATE POLICY "super_admin_bypass" ON public.teams
  FOR ALL
  TO authenticated
  USING (public.is_super_admin())
  WITH CHECK (public.is_super_admin());

-- 2. Service role bypass (for server operations; service_role also has BYPASSRLS, as in Supabase)
CREATE POLICY "service_role_bypass" ON public.teams
  FOR ALL
  TO service_role
  USING (true)
  WITH CHECK (true);

CREATE POLICY "team_access"
ON public.teams FOR SELECT
TO authenticated
USING (id = ANY(public.user_team_ids()));

-- 1. Super admin bypass (ALWAYS FIRST)
CREATE POLICY "super_admin_bypass" ON public.team_members
  FOR ALL
  TO authenticated
  USING (public.is_super_admin())
  WITH CHECK (public.is_super_admin());

-- 2. Service role bypass (for server operations; service_role also has BYPASSRLS, as in Supabase)
CREATE POLICY "service_role_bypass" ON public.team_members
  FOR ALL
  TO service_role
  USING (true)
  WITH CHECK (true);

-- GOOD: Direct comparison, no subquery (Solution 1). Memberships are managed by the server or a super admin.
CREATE POLICY "check_membership"
ON public.team_members FOR SELECT
USING (user_id = auth.uid());

-- 1. Super admin bypass (ALWAYS FIRST)
CREATE POLICY "super_admin_bypass" ON public.team_data
  FOR ALL
  TO authenticated
  USING (public.is_super_admin())
  WITH CHECK (public.is_super_admin());

-- 2. Service role bypass (for server operations; service_role also has BYPASSRLS, as in Supabase)
CREATE POLICY "service_role_bypass" ON public.team_data
  FOR ALL
  TO service_role
  USING (true)
  WITH CHECK (true);

CREATE POLICY "team_access"
ON public.team_data FOR SELECT
USING (team_id = ANY(public.user_team_ids()));

CREATE POLICY "team_member_access"
ON public.team_data FOR ALL
TO authenticated
USING (team_id = ANY(public.user_team_ids()))
WITH CHECK (team_id = ANY(public.user_team_ids()));
