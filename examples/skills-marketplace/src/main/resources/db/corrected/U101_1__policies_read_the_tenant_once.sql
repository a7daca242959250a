-- Undoes V101_1: the policies read the identity as before, outside a subquery.
ALTER POLICY tenant_access ON public.api_keys
    USING ((tenant_id = current_setting('app.current_tenant_id'::text, true)))
    WITH CHECK ((tenant_id = current_setting('app.current_tenant_id'::text, true)));
ALTER POLICY tenant_isolation ON public.api_keys
    USING ((tenant_id = current_setting('app.current_tenant_id'::text, true)))
    WITH CHECK ((tenant_id = current_setting('app.current_tenant_id'::text, true)));
ALTER POLICY tenant_access ON public.ratings
    USING ((tenant_id = current_setting('app.current_tenant_id'::text, true)))
    WITH CHECK ((tenant_id = current_setting('app.current_tenant_id'::text, true)));
ALTER POLICY tenant_isolation ON public.ratings
    USING ((tenant_id = current_setting('app.current_tenant_id'::text, true)))
    WITH CHECK ((tenant_id = current_setting('app.current_tenant_id'::text, true)));
ALTER POLICY tenant_access ON public.site_settings
    USING ((tenant_id = current_setting('app.current_tenant_id'::text, true)))
    WITH CHECK ((tenant_id = current_setting('app.current_tenant_id'::text, true)));
ALTER POLICY tenant_isolation ON public.site_settings
    USING ((tenant_id = current_setting('app.current_tenant_id'::text, true)))
    WITH CHECK ((tenant_id = current_setting('app.current_tenant_id'::text, true)));
ALTER POLICY tenant_access ON public.skill_embeddings
    USING ((tenant_id = current_setting('app.current_tenant_id'::text, true)))
    WITH CHECK ((tenant_id = current_setting('app.current_tenant_id'::text, true)));
ALTER POLICY tenant_isolation ON public.skill_embeddings
    USING ((tenant_id = current_setting('app.current_tenant_id'::text, true)))
    WITH CHECK ((tenant_id = current_setting('app.current_tenant_id'::text, true)));
ALTER POLICY tenant_access ON public.skill_reviews
    USING ((tenant_id = current_setting('app.current_tenant_id'::text, true)))
    WITH CHECK ((tenant_id = current_setting('app.current_tenant_id'::text, true)));
ALTER POLICY tenant_isolation ON public.skill_reviews
    USING ((tenant_id = current_setting('app.current_tenant_id'::text, true)))
    WITH CHECK ((tenant_id = current_setting('app.current_tenant_id'::text, true)));
ALTER POLICY tenant_access ON public.skill_versions
    USING ((tenant_id = current_setting('app.current_tenant_id'::text, true)))
    WITH CHECK ((tenant_id = current_setting('app.current_tenant_id'::text, true)));
ALTER POLICY tenant_isolation ON public.skill_versions
    USING ((tenant_id = current_setting('app.current_tenant_id'::text, true)))
    WITH CHECK ((tenant_id = current_setting('app.current_tenant_id'::text, true)));
ALTER POLICY tenant_access ON public.skills
    USING ((tenant_id = current_setting('app.current_tenant_id'::text, true)))
    WITH CHECK ((tenant_id = current_setting('app.current_tenant_id'::text, true)));
ALTER POLICY tenant_isolation ON public.skills
    USING ((tenant_id = current_setting('app.current_tenant_id'::text, true)))
    WITH CHECK ((tenant_id = current_setting('app.current_tenant_id'::text, true)));
ALTER POLICY tenant_access ON public.usage_events
    USING ((tenant_id = current_setting('app.current_tenant_id'::text, true)))
    WITH CHECK ((tenant_id = current_setting('app.current_tenant_id'::text, true)));
ALTER POLICY tenant_isolation ON public.usage_events
    USING ((tenant_id = current_setting('app.current_tenant_id'::text, true)))
    WITH CHECK ((tenant_id = current_setting('app.current_tenant_id'::text, true)));
ALTER POLICY tenant_access ON public.users
    USING ((tenant_id = current_setting('app.current_tenant_id'::text, true)))
    WITH CHECK ((tenant_id = current_setting('app.current_tenant_id'::text, true)));
ALTER POLICY tenant_isolation ON public.users
    USING ((tenant_id = current_setting('app.current_tenant_id'::text, true)))
    WITH CHECK ((tenant_id = current_setting('app.current_tenant_id'::text, true)));
