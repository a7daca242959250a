-- Undo of V2 (the RLS flags and grants go with the tables).
DROP TABLE audit_logs;
DROP TABLE compliance_checks;
DROP TABLE evf_documents;
DROP TABLE evf;
