INSERT INTO installations (id, account) VALUES ('${tenant.id}', 'account-${tenant.key}');
INSERT INTO repositories (installation_id, full_name) VALUES ('${tenant.id}', '${tenant.key}/api');
INSERT INTO reviews (installation_id, repository_id, verdict)
    SELECT installation_id, id, 'approve' FROM repositories WHERE installation_id = '${tenant.id}';
