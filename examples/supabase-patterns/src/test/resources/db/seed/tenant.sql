-- Seed for one tenant (= one Supabase user), run as the superuser after all migrations.
-- The kit has already inserted auth.users (id = ${tenant.id}, email = '${tenant.key}@example.test').
-- Rows for this user: profiles 1 (a profile is one row per user by nature), posts 3 (2 drafts, 1 published:
-- the published one is visible to everybody by design), comments 2 (on the user's own posts), teams 2,
-- team_members 2, team_data 2, storage.objects 3 (2 in the user's avatars folder, 1 in the public bucket: the
-- public one is visible to everybody by design).

INSERT INTO public.profiles (id, display_name, role)
VALUES ('${tenant.id}', 'User ${tenant.key}', 'user');

INSERT INTO public.posts (id, user_id, title, body, status)
VALUES (md5('${tenant.id}' || ':post1')::uuid, '${tenant.id}', 'Draft 1 of ${tenant.key}', 'secret draft', 'draft'),
       (md5('${tenant.id}' || ':post2')::uuid, '${tenant.id}', 'Draft 2 of ${tenant.key}', 'secret draft', 'draft'),
       (md5('${tenant.id}' || ':post3')::uuid, '${tenant.id}', 'Published post of ${tenant.key}', 'hello', 'published');

INSERT INTO public.comments (id, post_id, user_id, body)
VALUES (md5('${tenant.id}' || ':comment1')::uuid, md5('${tenant.id}' || ':post1')::uuid, '${tenant.id}', 'Note to self (${tenant.key})'),
       (md5('${tenant.id}' || ':comment2')::uuid, md5('${tenant.id}' || ':post3')::uuid, '${tenant.id}', 'First! (${tenant.key})');

INSERT INTO public.teams (id, name, created_by)
VALUES (md5('${tenant.id}' || ':team1')::uuid, 'Team 1 of ${tenant.key}', '${tenant.id}'),
       (md5('${tenant.id}' || ':team2')::uuid, 'Team 2 of ${tenant.key}', '${tenant.id}');

INSERT INTO public.team_members (team_id, user_id, role)
VALUES (md5('${tenant.id}' || ':team1')::uuid, '${tenant.id}', 'owner'),
       (md5('${tenant.id}' || ':team2')::uuid, '${tenant.id}', 'member');

INSERT INTO public.team_data (id, team_id, title, content, created_by)
VALUES (md5('${tenant.id}' || ':data1')::uuid, md5('${tenant.id}' || ':team1')::uuid, 'Roadmap (${tenant.key})', 'team secret', '${tenant.id}'),
       (md5('${tenant.id}' || ':data2')::uuid, md5('${tenant.id}' || ':team2')::uuid, 'Budget (${tenant.key})', 'team secret', '${tenant.id}');

INSERT INTO storage.objects (id, bucket_id, name, owner)
VALUES (md5('${tenant.id}' || ':object1')::uuid, 'avatars', '${tenant.id}/avatar.png', '${tenant.id}'),
       (md5('${tenant.id}' || ':object2')::uuid, 'avatars', '${tenant.id}/originals/avatar-full.png', '${tenant.id}'),
       (md5('${tenant.id}' || ':object3')::uuid, 'public', 'banners/${tenant.key}.png', '${tenant.id}');
