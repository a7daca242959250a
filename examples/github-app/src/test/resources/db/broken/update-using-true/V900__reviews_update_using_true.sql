-- BROKEN VARIANT: permissive USING (true) on UPDATE only.
-- "Let the API re-run a stuck review" was implemented as an extra permissive UPDATE policy. Permissive
-- policies are OR-ed, so every UPDATE of app_api (and app_worker) now reaches every installation's reviews.
-- Subtle: SELECT still isolates, and an UPDATE whose WHERE (or SET expression, or RETURNING) reads a column also
-- gets the SELECT policies applied, so targeted updates look isolated; an UPDATE that reads no column
-- (no WHERE, or WHERE true) rewrites other installations' rows.
CREATE POLICY pull_request_reviews_rerun ON pull_request_reviews
    FOR UPDATE
    USING (true);
