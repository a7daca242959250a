-- Seed for one tenant that is a team (accountMembers = true): the team's id is ${tenant.id}; its member, a user the
-- kit has inserted into auth.users, is ${tenant.user} (the tenant scope's sub, auth.uid()).
INSERT INTO public.teams (id, name, created_by)
VALUES ('${tenant.id}', 'Team ${tenant.key}', '${tenant.user}');

INSERT INTO public.team_members (team_id, user_id, role)
VALUES ('${tenant.id}', '${tenant.user}', 'owner');

INSERT INTO public.team_data (id, team_id, title, content, created_by)
VALUES (md5('${tenant.id}' || ':data1')::uuid, '${tenant.id}', 'Roadmap (${tenant.key})', 'team secret', '${tenant.user}'),
       (md5('${tenant.id}' || ':data2')::uuid, '${tenant.id}', 'Budget (${tenant.key})', 'team secret', '${tenant.user}');
