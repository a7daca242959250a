-- One tenant: two EVFs, a pending compliance check on each.
INSERT INTO tenants (id, name) VALUES ('${tenant.id}', 'Consultora ${tenant.key}');
INSERT INTO evf (id, tenant_id, name)
VALUES (md5('${tenant.id}' || ':evf1')::uuid, '${tenant.id}', 'Modernização fabril (${tenant.key})'),
       (md5('${tenant.id}' || ':evf2')::uuid, '${tenant.id}', 'Internacionalização (${tenant.key})');
INSERT INTO compliance_checks (tenant_id, evf_id, status)
SELECT tenant_id, id, 'pending' FROM evf WHERE tenant_id = '${tenant.id}';
