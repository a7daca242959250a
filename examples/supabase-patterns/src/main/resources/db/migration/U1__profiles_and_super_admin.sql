-- Undo of V1. The policies go with the table; the function is dropped after them.
DROP TABLE public.profiles;
DROP FUNCTION public.is_super_admin();
