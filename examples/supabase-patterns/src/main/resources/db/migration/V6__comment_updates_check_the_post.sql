-- Found by the deny matrix's attach-by-UPDATE test: the INSERT policy lets a user comment only on posts they can see,
-- but the UPDATE policy did not check the post, so a user could move a comment of theirs onto another user's draft
-- (a foreign-key check ignores row-level security). The UPDATE policy now checks the post as the INSERT policy does.
DROP POLICY "Users can update own comments" ON public.comments;
CREATE POLICY "Users can update own comments"
ON public.comments FOR UPDATE
TO authenticated
USING (user_id = (select auth.uid()))
WITH CHECK (
  user_id = (select auth.uid())
  AND post_id IN (SELECT id FROM public.posts)
);
