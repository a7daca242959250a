-- BROKEN VARIANT: a FOR ALL policy without WITH CHECK, whose USING is a read rule.
-- The five posts policies were "simplified" into one: you may act on what you may see. Without WITH CHECK,
-- PostgreSQL uses the USING clause (status = 'published' OR user_id = auth.uid()) for new rows too, and USING
-- now also governs UPDATE and DELETE: anyone (anon included: Supabase grants it the table) can edit or delete
-- anybody's published posts, and can publish a post in someone else's name (user_id = victim, status =
-- 'published'). With WITH CHECK (user_id = auth.uid()) the forged posts and the edits would be refused.
DROP POLICY "Users can delete own posts" ON public.posts;
DROP POLICY "Users can update own posts" ON public.posts;
DROP POLICY "Users can create own posts" ON public.posts;
DROP POLICY "Users can view own posts" ON public.posts;
DROP POLICY "public_read_published" ON public.posts;
CREATE POLICY "posts_access"
ON public.posts FOR ALL
USING (status = 'published' OR user_id = auth.uid());
