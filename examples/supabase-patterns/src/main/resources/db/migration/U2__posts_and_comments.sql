-- Undo of V2 (policies, RLS flags, indexes and grants go with the tables).
DROP TABLE public.comments;
DROP TABLE public.posts;
