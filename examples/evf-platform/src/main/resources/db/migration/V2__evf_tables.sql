-- The EVF model (Estudo de Viabilidade Financeira), its documents, the compliance checks the agents record, and
-- the audit log the document's monitoring queries read. The tables are born with row-level security enabled and
-- forced, and no policy yet (V3): evf_app sees nothing in between (default deny), never everything.

CREATE TABLE evf (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id        uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name             text NOT NULL,
    program          text NOT NULL DEFAULT 'Portugal 2030',
    status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
    total_investment numeric(14, 2),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, id)
);
CREATE INDEX evf_tenant_id_idx ON evf (tenant_id);

-- Child tables reference their EVF through (tenant_id, evf_id): a row can never hang under another tenant's EVF.
CREATE TABLE evf_documents (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL,
    evf_id      uuid NOT NULL,
    filename    text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('balance_sheet', 'business_plan', 'invoice', 'other')),
    uploaded_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, evf_id) REFERENCES evf (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX evf_documents_tenant_id_idx ON evf_documents (tenant_id);

CREATE TABLE compliance_checks (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid NOT NULL,
    evf_id     uuid NOT NULL,
    operation  text NOT NULL,
    status     text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    checked_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, evf_id) REFERENCES evf (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX compliance_checks_tenant_id_idx ON compliance_checks (tenant_id);

-- tenant_id is NULL for security events raised without a tenant context (RLS_NOT_ENFORCED has "tenant_id": null).
CREATE TABLE audit_logs (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id      uuid REFERENCES tenants (id) ON DELETE CASCADE,
    "timestamp"    timestamptz NOT NULL DEFAULT now(),
    event          text NOT NULL,
    security_event text CHECK (security_event IN ('RLS_NOT_ENFORCED', 'TENANT_MISMATCH', 'RLS_VERIFICATION_FAILED',
                                                  'RLS_CONTEXT_MISMATCH')),
    path           text,
    method         text,
    details        jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_logs_tenant_id_idx ON audit_logs (tenant_id);
CREATE INDEX audit_logs_security_event_idx ON audit_logs ("timestamp") WHERE security_event IS NOT NULL;

ALTER TABLE evf ENABLE ROW LEVEL SECURITY;
ALTER TABLE evf FORCE ROW LEVEL SECURITY;
ALTER TABLE evf_documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE evf_documents FORCE ROW LEVEL SECURITY;
ALTER TABLE compliance_checks ENABLE ROW LEVEL SECURITY;
ALTER TABLE compliance_checks FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_logs FORCE ROW LEVEL SECURITY;

-- evf_app: the DML the application needs; the audit log is append-only.
GRANT SELECT, INSERT, UPDATE, DELETE ON evf, evf_documents, compliance_checks TO evf_app;
GRANT SELECT, INSERT ON audit_logs TO evf_app;

-- evf_system bypasses RLS (BYPASSRLS): monitoring reads everything, and writes only the audit log (and tenants).
GRANT SELECT ON evf, evf_documents, compliance_checks TO evf_system;
GRANT SELECT, INSERT ON audit_logs TO evf_system;
