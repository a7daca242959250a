DROP POLICY "Moderators can delete comments" ON public.comments;
