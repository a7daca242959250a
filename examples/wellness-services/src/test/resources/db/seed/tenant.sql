-- Seed for one tenant (= one Supabase user), run as the superuser after all migrations.
-- The kit has already inserted auth.users (id = ${tenant.id}, email = '${tenant.key}@example.test').
-- Every table with RLS gets 2 rows owned by this user.

INSERT INTO users.users (id, email, display_name)
VALUES ('${tenant.id}', '${tenant.key}@example.test', 'User ${tenant.key}');
INSERT INTO users.user_roles (user_id, role, service)
VALUES ('${tenant.id}', 'member', 'habits'),
       ('${tenant.id}', 'member', 'practices');

-- The shared catalog (no owner, no RLS): the same row for every tenant.
INSERT INTO habits.program_templates (id, name, description)
VALUES ('00000000-0000-4000-8000-000000000001', 'Morning routine', 'Shared program template')
ON CONFLICT (id) DO NOTHING;

INSERT INTO public.journal_entries (id, user_id, title, content, mood)
VALUES (md5('${tenant.id}' || ':journal1')::uuid, '${tenant.id}', 'Day 1 (${tenant.key})', 'Private thoughts of ${tenant.key}', 4),
       (md5('${tenant.id}' || ':journal2')::uuid, '${tenant.id}', 'Day 2 (${tenant.key})', 'More private thoughts of ${tenant.key}', 2);

INSERT INTO public.vouchers (id, code, user_id, amount_cents, redeemed_at)
VALUES (md5('${tenant.id}' || ':voucher1')::uuid, 'WELCOME-${tenant.key}', '${tenant.id}', 1000, NULL),
       (md5('${tenant.id}' || ':voucher2')::uuid, 'REFER-${tenant.key}', '${tenant.id}', 500, now());

INSERT INTO habits.habits (id, user_id, template_id, name, frequency, streak)
VALUES (md5('${tenant.id}' || ':habit1')::uuid, '${tenant.id}', '00000000-0000-4000-8000-000000000001',
        'Meditate (${tenant.key})', 'daily', 3),
       (md5('${tenant.id}' || ':habit2')::uuid, '${tenant.id}', NULL, 'Read (${tenant.key})', 'weekly', 1);

INSERT INTO meals.meals (id, user_id, name, calories, off_barcode, off_product_name, nutriscore_grade)
VALUES (md5('${tenant.id}' || ':meal1')::uuid, '${tenant.id}', 'Breakfast (${tenant.key})', 450, '3017620422003',
        'Hazelnut spread', 'e'),
       (md5('${tenant.id}' || ':meal2')::uuid, '${tenant.id}', 'Lunch (${tenant.key})', 700, NULL, NULL, NULL);

INSERT INTO movements.movements (id, user_id, kind, duration_minutes)
VALUES (md5('${tenant.id}' || ':movement1')::uuid, '${tenant.id}', 'walk', 30),
       (md5('${tenant.id}' || ':movement2')::uuid, '${tenant.id}', 'yoga', 45);

INSERT INTO practices.practice_instances (id, user_id, practice_name, scheduled_for, completed_at, notes)
VALUES (md5('${tenant.id}' || ':practice1')::uuid, '${tenant.id}', 'Breathing (${tenant.key})', current_date, now(),
        'Private notes of ${tenant.key}'),
       (md5('${tenant.id}' || ':practice2')::uuid, '${tenant.id}', 'Body scan (${tenant.key})', current_date + 1, NULL,
        NULL);
