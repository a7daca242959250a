-- BROKEN VARIANT: permissive USING (true) on UPDATE only.
-- "Let users mark a practice complete from a shared link" was added as a second, permissive UPDATE policy with
-- USING (true) (and so WITH CHECK (true)). Permissive policies are OR-ed: an UPDATE that reads no column (no
-- WHERE, or WHERE true) now rewrites every user's practice instances; SELECT still looks isolated, and an
-- UPDATE whose WHERE reads a column also gets the SELECT policy, so targeted updates still look isolated.
CREATE POLICY "Users can complete shared practices" ON practices.practice_instances
    FOR UPDATE TO authenticated
    USING (true);
