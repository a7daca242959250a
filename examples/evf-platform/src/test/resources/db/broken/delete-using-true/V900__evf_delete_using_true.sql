-- BROKEN VARIANT: permissive USING (true) on DELETE only.
-- "Housekeeping may delete abandoned drafts" was added as a permissive DELETE policy with USING (true) for
-- evf_app. Permissive policies are OR-ed: a DELETE that reads no column (no WHERE, or WHERE true) now deletes
-- every tenant's EVFs, and their documents and compliance checks by cascade. SELECT still looks isolated, and a
-- DELETE whose WHERE reads a column also gets the SELECT policy, so targeted deletes look isolated too.
CREATE POLICY evf_housekeeping ON evf
    FOR DELETE TO evf_app
    USING (true);
