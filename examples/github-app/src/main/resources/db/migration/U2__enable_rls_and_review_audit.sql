-- Undo of V2: policies first, then the RLS flags, then the audit table (its grants go with it).
DROP TABLE audit_logs;

DROP POLICY webhook_deliveries_admin_read ON webhook_deliveries;
DROP POLICY pull_request_reviews_admin_read ON pull_request_reviews;
DROP POLICY repositories_admin_read ON repositories;
DROP POLICY installation_members_admin_read ON installation_members;
DROP POLICY webhook_deliveries_worker_dispatch ON webhook_deliveries;
DROP POLICY webhook_deliveries_installation_isolation ON webhook_deliveries;
DROP POLICY pull_request_reviews_installation_isolation ON pull_request_reviews;
DROP POLICY repositories_installation_isolation ON repositories;
DROP POLICY installation_members_installation_isolation ON installation_members;

ALTER TABLE webhook_deliveries NO FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries DISABLE ROW LEVEL SECURITY;
ALTER TABLE pull_request_reviews NO FORCE ROW LEVEL SECURITY;
ALTER TABLE pull_request_reviews DISABLE ROW LEVEL SECURITY;
ALTER TABLE repositories NO FORCE ROW LEVEL SECURITY;
ALTER TABLE repositories DISABLE ROW LEVEL SECURITY;
ALTER TABLE installation_members NO FORCE ROW LEVEL SECURITY;
ALTER TABLE installation_members DISABLE ROW LEVEL SECURITY;
