INSERT INTO workspaces (id, name) VALUES ('${tenant.id}', 'workspace ${tenant.key}');
INSERT INTO documents (workspace_id, title) VALUES ('${tenant.id}', 'plan of ${tenant.key}');
INSERT INTO uploads (path) VALUES ('${tenant.id}/plan-of-${tenant.key}.pdf');
