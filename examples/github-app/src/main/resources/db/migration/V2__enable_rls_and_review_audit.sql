-- Revision "enable_rls_and_review_audit": row-level security on every installation-scoped table, and the
-- review audit log (whose owner-only policy arrives with the other user-scoped tables in V3).
--
-- Context: the application sets, per transaction,
--   app.current_installation_id  (uuid of installations.id)   -- set_installation_context
--   app.current_user_github_id   (GitHub user id, a bigint)    -- set_user_context
-- An unset or empty setting reads as NULL, and NULL never equals anything: installation-scoped tables are
-- STRICT (no installation context => no rows), except for the one documented pass-through below.

ALTER TABLE installation_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE installation_members FORCE ROW LEVEL SECURITY;
ALTER TABLE repositories ENABLE ROW LEVEL SECURITY;
ALTER TABLE repositories FORCE ROW LEVEL SECURITY;
ALTER TABLE pull_request_reviews ENABLE ROW LEVEL SECURITY;
ALTER TABLE pull_request_reviews FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;

-- Installation isolation: every role, every command.
CREATE POLICY installation_members_installation_isolation ON installation_members
    FOR ALL
    USING (installation_id = nullif(current_setting('app.current_installation_id', true), '')::uuid)
    WITH CHECK (installation_id = nullif(current_setting('app.current_installation_id', true), '')::uuid);

CREATE POLICY repositories_installation_isolation ON repositories
    FOR ALL
    USING (installation_id = nullif(current_setting('app.current_installation_id', true), '')::uuid)
    WITH CHECK (installation_id = nullif(current_setting('app.current_installation_id', true), '')::uuid);

CREATE POLICY pull_request_reviews_installation_isolation ON pull_request_reviews
    FOR ALL
    USING (installation_id = nullif(current_setting('app.current_installation_id', true), '')::uuid)
    WITH CHECK (installation_id = nullif(current_setting('app.current_installation_id', true), '')::uuid);

CREATE POLICY webhook_deliveries_installation_isolation ON webhook_deliveries
    FOR ALL
    USING (installation_id = nullif(current_setting('app.current_installation_id', true), '')::uuid)
    WITH CHECK (installation_id = nullif(current_setting('app.current_installation_id', true), '')::uuid);

-- Worker path (temporary compatibility, to tighten later): the webhook dispatcher lists pending deliveries of
-- every installation before it knows which installation a delivery belongs to. Only for app_worker, only for
-- SELECT, and only while no installation context is set. To process a delivery (UPDATE) the worker must set
-- app.current_installation_id, so the strict isolation policy governs every write.
CREATE POLICY webhook_deliveries_worker_dispatch ON webhook_deliveries
    FOR SELECT
    TO app_worker
    USING (nullif(current_setting('app.current_installation_id', true), '') IS NULL);

-- Admin endpoints: read-only across installations (justification: support and abuse handling). Never on the
-- user-scoped tables, which app_admin has no privilege on.
CREATE POLICY installation_members_admin_read ON installation_members FOR SELECT TO app_admin USING (true);
CREATE POLICY repositories_admin_read ON repositories FOR SELECT TO app_admin USING (true);
CREATE POLICY pull_request_reviews_admin_read ON pull_request_reviews FOR SELECT TO app_admin USING (true);
CREATE POLICY webhook_deliveries_admin_read ON webhook_deliveries FOR SELECT TO app_admin USING (true);

-- Review audit: one row per action a user triggered (review requested, key used...). Owner-only (V3).
CREATE TABLE audit_logs (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_github_id  bigint NOT NULL,
    installation_id uuid REFERENCES installations (id) ON DELETE SET NULL,
    action          text NOT NULL,
    details         jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_logs_user_github_id_idx ON audit_logs (user_github_id);

-- Append-only for the application and the workers.
GRANT SELECT, INSERT ON audit_logs TO app_api;
GRANT INSERT ON audit_logs TO app_worker;
