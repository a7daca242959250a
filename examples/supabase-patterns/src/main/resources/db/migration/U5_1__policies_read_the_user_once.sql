-- Undoes V5_1: the policies read the identity as before, outside a subquery.
ALTER POLICY "Users can comment on visible posts" ON public.comments
    WITH CHECK (((user_id = auth.uid()) AND (post_id IN ( SELECT posts.id
   FROM posts))));
ALTER POLICY "Users can delete own comments" ON public.comments
    USING ((user_id = auth.uid()));
ALTER POLICY "Users can update own comments" ON public.comments
    USING ((user_id = auth.uid()))
    WITH CHECK ((user_id = auth.uid()));
ALTER POLICY "Users can view own comments and comments on own posts" ON public.comments
    USING (((user_id = auth.uid()) OR (post_id IN ( SELECT posts.id
   FROM posts
  WHERE (posts.user_id = auth.uid())))));
ALTER POLICY "Users can create own posts" ON public.posts
    WITH CHECK ((user_id = auth.uid()));
ALTER POLICY "Users can delete own posts" ON public.posts
    USING ((user_id = auth.uid()));
ALTER POLICY "Users can update own posts" ON public.posts
    USING ((user_id = auth.uid()))
    WITH CHECK ((user_id = auth.uid()));
ALTER POLICY "Users can view own posts" ON public.posts
    USING ((user_id = auth.uid()));
ALTER POLICY "Users can update own profile" ON public.profiles
    USING ((id = auth.uid()))
    WITH CHECK ((id = auth.uid()));
ALTER POLICY "Users can view own profile" ON public.profiles
    USING ((id = auth.uid()));
ALTER POLICY check_membership ON public.team_members
    USING ((user_id = auth.uid()));
ALTER POLICY "Users can upload to own folder" ON storage.objects
    WITH CHECK (((bucket_id = 'avatars'::text) AND ((storage.foldername(name))[1] = (auth.uid())::text)));
ALTER POLICY "Users can view own files" ON storage.objects
    USING (((bucket_id = 'avatars'::text) AND ((storage.foldername(name))[1] = (auth.uid())::text)));
