-- Give the table back to the migrating superuser, force RLS again, and rebuild the grants in their original
-- order (the ownership change folded authenticated's grant into the owner's privileges and re-issued the other
-- grants in authenticated's name).
ALTER TABLE public.posts FORCE ROW LEVEL SECURITY;
ALTER TABLE public.posts OWNER TO CURRENT_USER;
REVOKE ALL ON public.posts FROM anon, service_role;
GRANT ALL ON public.posts TO anon;
GRANT ALL ON public.posts TO authenticated;
GRANT ALL ON public.posts TO service_role;
