CREATE TABLE reviews (
    id bigserial PRIMARY KEY,
    installation_id uuid NOT NULL REFERENCES installations (id),
    repository_id bigint NOT NULL,
    verdict text NOT NULL CHECK (verdict IN ('approve', 'comment', 'request_changes')),
    -- the key carries the tenant: a review cannot reference another installation's repository
    FOREIGN KEY (installation_id, repository_id) REFERENCES repositories (installation_id, id)
);
CREATE INDEX reviews_installation_id ON reviews (installation_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON reviews TO app_user, app_worker;
GRANT USAGE ON SEQUENCE reviews_id_seq TO app_user, app_worker;

ALTER TABLE reviews ENABLE ROW LEVEL SECURITY;
ALTER TABLE reviews FORCE ROW LEVEL SECURITY;
CREATE POLICY installation_isolation ON reviews FOR ALL TO app_user
    USING (installation_id = (select nullif(current_setting('app.current_installation_id', true), '')::uuid))
    WITH CHECK (installation_id = (select nullif(current_setting('app.current_installation_id', true), '')::uuid));
