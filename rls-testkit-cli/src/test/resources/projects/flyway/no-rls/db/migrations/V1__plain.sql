-- Tables without row-level security and without the tenant column: nothing for the deny matrix to prove.
CREATE TABLE settings (
    name text PRIMARY KEY,
    value text NOT NULL
);
