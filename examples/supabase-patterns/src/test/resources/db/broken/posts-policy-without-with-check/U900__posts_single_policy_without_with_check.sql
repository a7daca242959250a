DROP POLICY "posts_access" ON public.posts;

CREATE POLICY "public_read_published"
ON public.posts FOR SELECT
TO anon, authenticated
USING (status = 'published');

CREATE POLICY "Users can view own posts"
ON public.posts FOR SELECT
TO authenticated
USING (user_id = auth.uid());

CREATE POLICY "Users can create own posts"
ON public.posts FOR INSERT
WITH CHECK (user_id = auth.uid());

CREATE POLICY "Users can update own posts"
ON public.posts FOR UPDATE
USING (user_id = auth.uid())
WITH CHECK (user_id = auth.uid());

CREATE POLICY "Users can delete own posts"
ON public.posts FOR DELETE
USING (user_id = auth.uid());
