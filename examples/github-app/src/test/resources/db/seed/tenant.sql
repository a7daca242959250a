-- Seed for one tenant (= one GitHub App installation), run as the superuser after all migrations.
-- ${tenant.id}  : the installation's uuid (installations.id)
-- ${tenant.key} : 'a' or 'b'
-- The installation's user: GitHub id 1000 + ascii(key) (a = 1097, b = 1098), login 'user-<key>', admin of the
-- installation. A second member (2000 + ascii(key): a = 2097, b = 2098) has no keys and no audit entries.
-- Every table with RLS gets 2 rows for this tenant.

INSERT INTO installations (id, github_installation_id, account_login)
VALUES ('${tenant.id}', 40000000 + ascii('${tenant.key}'), 'org-${tenant.key}');

INSERT INTO installation_members (installation_id, user_github_id, login, role)
VALUES ('${tenant.id}', 1000 + ascii('${tenant.key}'), 'user-${tenant.key}', 'admin'),
       ('${tenant.id}', 2000 + ascii('${tenant.key}'), 'member-${tenant.key}', 'member');

INSERT INTO repositories (id, installation_id, github_repo_id, full_name, private)
VALUES (md5('${tenant.id}' || ':repo1')::uuid, '${tenant.id}', ascii('${tenant.key}') * 100 + 1,
        'org-${tenant.key}/service', true),
       (md5('${tenant.id}' || ':repo2')::uuid, '${tenant.id}', ascii('${tenant.key}') * 100 + 2,
        'org-${tenant.key}/website', false);

INSERT INTO pull_request_reviews (id, installation_id, repository_id, pr_number, head_sha, status, summary,
                                  requested_by_github_id, provider, model)
VALUES (md5('${tenant.id}' || ':review1')::uuid, '${tenant.id}', md5('${tenant.id}' || ':repo1')::uuid, 1,
        md5('${tenant.id}' || ':sha1'), 'completed', 'LGTM for ${tenant.key}', 1000 + ascii('${tenant.key}'),
        'openai', 'gpt-4o'),
       (md5('${tenant.id}' || ':review2')::uuid, '${tenant.id}', md5('${tenant.id}' || ':repo2')::uuid, 2,
        md5('${tenant.id}' || ':sha2'), 'pending', NULL, 1000 + ascii('${tenant.key}'), NULL, NULL);

INSERT INTO webhook_deliveries (id, installation_id, github_delivery_id, event, action, payload, status, processed_at)
VALUES (md5('${tenant.id}' || ':delivery1')::uuid, '${tenant.id}', '${tenant.key}-delivery-1', 'pull_request',
        'opened', '{"number": 1}'::jsonb, 'processed', now()),
       (md5('${tenant.id}' || ':delivery2')::uuid, '${tenant.id}', '${tenant.key}-delivery-2', 'pull_request',
        'synchronize', '{"number": 2}'::jsonb, 'pending', NULL);

INSERT INTO user_api_keys (id, user_github_id, provider, key_hint, encrypted_key)
VALUES (md5('${tenant.id}' || ':key1')::uuid, 1000 + ascii('${tenant.key}'), 'openai', 'sk-...${tenant.key}1',
        'enc:' || md5('${tenant.id}' || ':secret1')),
       (md5('${tenant.id}' || ':key2')::uuid, 1000 + ascii('${tenant.key}'), 'anthropic', 'sk-ant-...${tenant.key}2',
        'enc:' || md5('${tenant.id}' || ':secret2'));

INSERT INTO audit_logs (id, user_github_id, installation_id, action, details, provider, model)
VALUES (md5('${tenant.id}' || ':audit1')::uuid, 1000 + ascii('${tenant.key}'), '${tenant.id}', 'review.requested',
        '{"pr_number": 1}'::jsonb, 'openai', 'gpt-4o'),
       (md5('${tenant.id}' || ':audit2')::uuid, 1000 + ascii('${tenant.key}'), '${tenant.id}', 'api_key.created',
        '{"provider": "anthropic"}'::jsonb, NULL, NULL);
