INSERT INTO public.notes (user_id, body) VALUES ('${tenant.id}', 'note of ${tenant.key}');
