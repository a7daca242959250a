INSERT INTO companies (id, name) VALUES ('${tenant.id}', 'company-${tenant.key}');
INSERT INTO users (company_id, email) VALUES ('${tenant.id}', '${tenant.key}@example.com');
