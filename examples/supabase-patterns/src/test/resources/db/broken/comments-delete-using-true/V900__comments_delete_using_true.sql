-- BROKEN VARIANT: permissive USING (true) on DELETE only.
-- "Moderators can delete comments" was added without the moderator check: a permissive DELETE policy with
-- USING (true). Permissive policies are OR-ed: a DELETE that reads no column (no WHERE, or WHERE true) deletes
-- every user's comments. SELECT still looks isolated, and a DELETE whose WHERE reads a column also gets the
-- SELECT policies, so targeted deletes look isolated too.
CREATE POLICY "Moderators can delete comments"
ON public.comments FOR DELETE
TO authenticated
USING (true);
