-- Optional: a super admin, for tests of the super_admin_bypass policies. Run as the superuser after the seeds.
-- Act as it with role authenticated and request.jwt.claims = {"sub": "ffffffff-ffff-4fff-8fff-ffffffffffff",
-- "role": "authenticated"}.
INSERT INTO auth.users (id, email) VALUES ('ffffffff-ffff-4fff-8fff-ffffffffffff', 'admin@example.test');
INSERT INTO public.profiles (id, display_name, role)
VALUES ('ffffffff-ffff-4fff-8fff-ffffffffffff', 'Super admin', 'super_admin');
