-- Supabase RLS patterns: profiles and the super-admin helper.
-- Runs after the Supabase preset (roles anon/authenticated/service_role, auth.*, storage.*, default privileges:
-- every table and function created here in public is granted to anon, authenticated and service_role, as in
-- Supabase; row-level security decides which rows). Every table: ENABLE + FORCE ROW LEVEL SECURITY, then the
-- two bypass policies first, then the user policies.

CREATE TABLE public.profiles (
  id           uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE,
  display_name text,
  avatar_url   text,
  role         text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin', 'super_admin')),
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- Users may edit their profile but not their role (or anybody could make themselves super_admin): column
-- privileges, since a policy cannot compare old and new values. Roles are changed by the server (service_role).
REVOKE UPDATE ON public.profiles FROM anon, authenticated;
GRANT UPDATE (display_name, avatar_url) ON public.profiles TO authenticated;

-- Function to check super admin status (SECURITY DEFINER bypasses RLS). The document's version has no fixed
-- search_path; a SECURITY DEFINER function must have one (Supabase's linter flags it), so it is '' here and
-- every name is schema-qualified.
CREATE FUNCTION public.is_super_admin()
RETURNS BOOLEAN AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM public.profiles
    WHERE id = auth.uid()
    AND role = 'super_admin'
  );
END;
$$ LANGUAGE plpgsql SECURITY DEFINER STABLE SET search_path = '';

ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.profiles FORCE ROW LEVEL SECURITY;

-- 1. Super admin bypass (ALWAYS FIRST)
CREATE POLICY "super_admin_bypass" ON public.profiles
  FOR ALL
  TO authenticated
  USING (public.is_super_admin())
  WITH CHECK (public.is_super_admin());

-- 2. Service role bypass (for server operations; service_role also has BYPASSRLS, as in Supabase)
CREATE POLICY "service_role_bypass" ON public.profiles
  FOR ALL
  TO service_role
  USING (true)
  WITH CHECK (true);

-- 3. User-specific policies
CREATE POLICY "Users can view own profile"
ON public.profiles FOR SELECT
USING (id = auth.uid());

CREATE POLICY "Users can update own profile"
ON public.profiles FOR UPDATE
TO authenticated
USING (id = auth.uid())
WITH CHECK (id = auth.uid());
