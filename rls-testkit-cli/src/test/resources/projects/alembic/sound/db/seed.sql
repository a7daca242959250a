INSERT INTO workspaces (id, name) VALUES ('${tenant.id}', 'workspace ${tenant.key}');
INSERT INTO documents (workspace_id, title, code) VALUES ('${tenant.id}', 'plan of ${tenant.key}', '${tenant.key}-0001');
INSERT INTO uploads (path) VALUES ('${tenant.id}/plan-of-${tenant.key}.pdf');
