INSERT INTO notes (tenant_id, body) VALUES ('${tenant.id}', 'seeded note of ${tenant.key}');
