-- Seed for one tenant, run as the superuser after migrating. Every table with RLS gets 2 rows for this tenant;
-- audit_logs also gets 1 tenant-less security event per seed run (so 2 in all), readable by evf_system only.

INSERT INTO tenants (id, name, nif)
VALUES ('${tenant.id}', 'Consultora ${tenant.key}', '5' || lpad(ascii('${tenant.key}')::text, 8, '0'));

INSERT INTO evf (id, tenant_id, name, status, total_investment)
VALUES (md5('${tenant.id}' || ':evf1')::uuid, '${tenant.id}', 'Modernização fabril (${tenant.key})', 'draft', 250000.00),
       (md5('${tenant.id}' || ':evf2')::uuid, '${tenant.id}', 'Internacionalização (${tenant.key})', 'submitted', 120000.00);

INSERT INTO evf_documents (id, tenant_id, evf_id, filename, kind)
VALUES (md5('${tenant.id}' || ':doc1')::uuid, '${tenant.id}', md5('${tenant.id}' || ':evf1')::uuid, 'balanco-${tenant.key}.pdf', 'balance_sheet'),
       (md5('${tenant.id}' || ':doc2')::uuid, '${tenant.id}', md5('${tenant.id}' || ':evf2')::uuid, 'plano-${tenant.key}.pdf', 'business_plan');

INSERT INTO compliance_checks (id, tenant_id, evf_id, operation, status)
VALUES (md5('${tenant.id}' || ':check1')::uuid, '${tenant.id}', md5('${tenant.id}' || ':evf1')::uuid, 'evf_compliance_check', 'pending'),
       (md5('${tenant.id}' || ':check2')::uuid, '${tenant.id}', md5('${tenant.id}' || ':evf2')::uuid, 'evf_compliance_check', 'approved');

INSERT INTO audit_logs (id, tenant_id, event, security_event, path, method, details)
VALUES (md5('${tenant.id}' || ':audit1')::uuid, '${tenant.id}', 'evf.created', NULL, '/evf', 'POST', '{}'::jsonb),
       (md5('${tenant.id}' || ':audit2')::uuid, '${tenant.id}', 'evf.submitted', NULL, '/evf/submit', 'POST', '{}'::jsonb),
       (md5('${tenant.id}' || ':security1')::uuid, NULL, 'RLS violation: Query attempted without tenant context',
        'RLS_NOT_ENFORCED', '/evf', 'GET', jsonb_build_object('attempted_for', '${tenant.key}'));
