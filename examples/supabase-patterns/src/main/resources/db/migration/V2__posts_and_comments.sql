-- Posts (public read of published posts, owner writes) and comments.

CREATE TABLE public.posts (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  title      text NOT NULL,
  body       text,
  status     text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_posts_user_id ON public.posts (user_id);

CREATE TABLE public.comments (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  post_id    uuid NOT NULL,
  user_id    uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  body       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_comments_post_id ON public.comments (post_id);
CREATE INDEX idx_comments_user_id ON public.comments (user_id);

-- Bug 3 of the document, kept and documented: foreign key cascades bypass RLS. Deleting a post deletes every
-- comment on it, including other users' comments that its author has no DELETE right on. Decision: accepted
-- (a post's comments live and die with it).
ALTER TABLE public.comments
  ADD CONSTRAINT fk_post
  FOREIGN KEY (post_id)
  REFERENCES public.posts (id)
  ON DELETE CASCADE;

ALTER TABLE public.posts ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.posts FORCE ROW LEVEL SECURITY;
ALTER TABLE public.comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.comments FORCE ROW LEVEL SECURITY;

-- 1. Super admin bypass (ALWAYS FIRST)
CREATE POLICY "super_admin_bypass" ON public.posts
  FOR ALL
  TO authenticated
  USING (public.is_super_admin())
  WITH CHECK (public.is_super_admin());

-- 2. Service role bypass (for server operations; service_role also has BYPASSRLS, as in Supabase)
CREATE POLICY "service_role_bypass" ON public.posts
  FOR ALL
  TO service_role
  USING (true)
  WITH CHECK (true);

-- 3. User-specific policies
-- Anyone can read published content
CREATE POLICY "public_read_published"
ON public.posts FOR SELECT
TO anon, authenticated
USING (status = 'published');

-- Owners read their drafts too
CREATE POLICY "Users can view own posts"
ON public.posts FOR SELECT
TO authenticated
USING (user_id = auth.uid());

CREATE POLICY "Users can create own posts"
ON public.posts FOR INSERT
WITH CHECK (user_id = auth.uid());

CREATE POLICY "Users can update own posts"
ON public.posts FOR UPDATE
USING (user_id = auth.uid())      -- Which rows can be selected for update
WITH CHECK (user_id = auth.uid()); -- What the row must look like after update

CREATE POLICY "Users can delete own posts"
ON public.posts FOR DELETE
USING (user_id = auth.uid());

-- 1. Super admin bypass (ALWAYS FIRST)
CREATE POLICY "super_admin_bypass" ON public.comments
  FOR ALL
  TO authenticated
  USING (public.is_super_admin())
  WITH CHECK (public.is_super_admin());

-- 2. Service role bypass (for server operations; service_role also has BYPASSRLS, as in Supabase)
CREATE POLICY "service_role_bypass" ON public.comments
  FOR ALL
  TO service_role
  USING (true)
  WITH CHECK (true);

-- 3. User-specific policies: a comment is visible to its author and to the author of the post it is on; users
-- may comment on the posts they can see (the subquery runs under the posts policies).
CREATE POLICY "Users can view own comments and comments on own posts"
ON public.comments FOR SELECT
TO authenticated
USING (
  user_id = auth.uid()
  OR post_id IN (SELECT id FROM public.posts WHERE user_id = auth.uid())
);

CREATE POLICY "Users can comment on visible posts"
ON public.comments FOR INSERT
TO authenticated
WITH CHECK (
  user_id = auth.uid()
  AND post_id IN (SELECT id FROM public.posts)
);

CREATE POLICY "Users can update own comments"
ON public.comments FOR UPDATE
TO authenticated
USING (user_id = auth.uid())
WITH CHECK (user_id = auth.uid());

CREATE POLICY "Users can delete own comments"
ON public.comments FOR DELETE
TO authenticated
USING (user_id = auth.uid());
