-- Seed for one tenant, run as the superuser after migrating (main + corrected locations; the main location alone
-- has the same tables). tenant_id is text: the tenant's uuid string. Every tenant-scoped table (9, all with RLS)
-- gets 2 rows; ids are md5('<tenant id>:<name>')::uuid as text.

INSERT INTO tenants (id, slug, name) VALUES ('${tenant.id}', 'tenant-${tenant.key}', 'Tenant ${tenant.key}');

INSERT INTO users (id, tenant_id, email, name, role)
VALUES (md5('${tenant.id}' || ':user1')::uuid::text, '${tenant.id}', 'owner@${tenant.key}.example.test', 'Owner ${tenant.key}', 'admin'),
       (md5('${tenant.id}' || ':user2')::uuid::text, '${tenant.id}', 'member@${tenant.key}.example.test', 'Member ${tenant.key}', 'member');

INSERT INTO skills (id, tenant_id, author_id, slug, name, description)
VALUES (md5('${tenant.id}' || ':skill1')::uuid::text, '${tenant.id}', md5('${tenant.id}' || ':user1')::uuid::text,
        'pdf-summary', 'PDF summary (${tenant.key})', 'Summarises PDFs'),
       (md5('${tenant.id}' || ':skill2')::uuid::text, '${tenant.id}', md5('${tenant.id}' || ':user2')::uuid::text,
        'sql-review', 'SQL review (${tenant.key})', 'Reviews SQL');

INSERT INTO skill_versions (id, tenant_id, skill_id, version, content)
VALUES (md5('${tenant.id}' || ':version1')::uuid::text, '${tenant.id}', md5('${tenant.id}' || ':skill1')::uuid::text, '1.0.0', 'prompt v1 of ${tenant.key}'),
       (md5('${tenant.id}' || ':version2')::uuid::text, '${tenant.id}', md5('${tenant.id}' || ':skill2')::uuid::text, '1.0.0', 'prompt v1 of ${tenant.key}');

INSERT INTO skill_embeddings (id, tenant_id, skill_id, skill_version_id, model, embedding)
VALUES (md5('${tenant.id}' || ':embedding1')::uuid::text, '${tenant.id}', md5('${tenant.id}' || ':skill1')::uuid::text,
        md5('${tenant.id}' || ':version1')::uuid::text, 'text-embedding-3-small', ARRAY[0.1, 0.2, 0.3]::real[]),
       (md5('${tenant.id}' || ':embedding2')::uuid::text, '${tenant.id}', md5('${tenant.id}' || ':skill2')::uuid::text,
        md5('${tenant.id}' || ':version2')::uuid::text, 'text-embedding-3-small', ARRAY[0.3, 0.2, 0.1]::real[]);

INSERT INTO ratings (id, tenant_id, skill_id, user_id, score)
VALUES (md5('${tenant.id}' || ':rating1')::uuid::text, '${tenant.id}', md5('${tenant.id}' || ':skill1')::uuid::text, md5('${tenant.id}' || ':user2')::uuid::text, 5),
       (md5('${tenant.id}' || ':rating2')::uuid::text, '${tenant.id}', md5('${tenant.id}' || ':skill2')::uuid::text, md5('${tenant.id}' || ':user1')::uuid::text, 4);

INSERT INTO usage_events (id, tenant_id, skill_id, user_id, event)
VALUES (md5('${tenant.id}' || ':usage1')::uuid::text, '${tenant.id}', md5('${tenant.id}' || ':skill1')::uuid::text, md5('${tenant.id}' || ':user1')::uuid::text, 'invoke'),
       (md5('${tenant.id}' || ':usage2')::uuid::text, '${tenant.id}', md5('${tenant.id}' || ':skill2')::uuid::text, md5('${tenant.id}' || ':user2')::uuid::text, 'install');

INSERT INTO skill_reviews (id, tenant_id, skill_id, reviewer_id, status, body)
VALUES (md5('${tenant.id}' || ':review1')::uuid::text, '${tenant.id}', md5('${tenant.id}' || ':skill1')::uuid::text, md5('${tenant.id}' || ':user1')::uuid::text, 'approved', 'Good (${tenant.key})'),
       (md5('${tenant.id}' || ':review2')::uuid::text, '${tenant.id}', md5('${tenant.id}' || ':skill2')::uuid::text, md5('${tenant.id}' || ':user1')::uuid::text, 'pending', NULL);

INSERT INTO api_keys (id, tenant_id, user_id, name, key_hash)
VALUES (md5('${tenant.id}' || ':apikey1')::uuid::text, '${tenant.id}', md5('${tenant.id}' || ':user1')::uuid::text, 'CI (${tenant.key})', md5('${tenant.id}' || ':secret1')),
       (md5('${tenant.id}' || ':apikey2')::uuid::text, '${tenant.id}', md5('${tenant.id}' || ':user2')::uuid::text, 'Laptop (${tenant.key})', md5('${tenant.id}' || ':secret2'));

INSERT INTO site_settings (id, tenant_id, key, value)
VALUES (md5('${tenant.id}' || ':setting1')::uuid::text, '${tenant.id}', 'theme', '"dark"'::jsonb),
       (md5('${tenant.id}' || ':setting2')::uuid::text, '${tenant.id}', 'marketplace.public', 'false'::jsonb);
