-- Undo of V3.
DROP POLICY tenant_append ON audit_logs;
DROP POLICY tenant_read ON audit_logs;
DROP POLICY tenant_isolation ON compliance_checks;
DROP POLICY tenant_isolation ON evf_documents;
DROP POLICY tenant_isolation ON evf;
