-- Undo of V3. The policies go with the tables; the function is dropped after them.
DROP TABLE public.team_data;
DROP TABLE public.team_members;
DROP TABLE public.teams;
DROP FUNCTION public.user_team_ids();
