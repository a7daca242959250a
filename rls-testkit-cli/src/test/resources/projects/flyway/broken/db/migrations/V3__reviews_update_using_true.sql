-- Leak: a permissive UPDATE policy with USING (true). The SELECT policy still hides other installations' rows, so
-- an UPDATE with a WHERE clause changes none of them; an UPDATE that reads no column changes them all.
CREATE POLICY everyone_updates ON reviews FOR UPDATE TO app_user USING (true);
