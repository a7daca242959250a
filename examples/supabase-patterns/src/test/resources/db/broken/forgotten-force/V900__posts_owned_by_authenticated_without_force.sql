-- BROKEN VARIANT: forgotten FORCE.
-- posts ends up owned by the authenticated role and FORCE ROW LEVEL SECURITY was dropped: the owner is exempt
-- from the policies unless RLS is forced, so every signed-in user reads everybody's drafts and edits or deletes
-- everybody's posts.
ALTER TABLE public.posts OWNER TO authenticated;
ALTER TABLE public.posts NO FORCE ROW LEVEL SECURITY;
