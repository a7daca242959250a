-- The policies read the session's identity (current_setting, auth.uid(), auth.jwt()) in a scalar subquery,
-- (select ...), so that PostgreSQL reads it once per statement instead of once per row (the audit's
-- POLICY_PER_ROW_CALL). The conditions are unchanged: only where the identity is read.
ALTER POLICY tenant_access ON public.api_keys
    USING ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))))
    WITH CHECK ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))));
ALTER POLICY tenant_isolation ON public.api_keys
    USING ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))))
    WITH CHECK ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))));
ALTER POLICY tenant_access ON public.ratings
    USING ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))))
    WITH CHECK ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))));
ALTER POLICY tenant_isolation ON public.ratings
    USING ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))))
    WITH CHECK ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))));
ALTER POLICY tenant_access ON public.site_settings
    USING ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))))
    WITH CHECK ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))));
ALTER POLICY tenant_isolation ON public.site_settings
    USING ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))))
    WITH CHECK ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))));
ALTER POLICY tenant_access ON public.skill_embeddings
    USING ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))))
    WITH CHECK ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))));
ALTER POLICY tenant_isolation ON public.skill_embeddings
    USING ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))))
    WITH CHECK ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))));
ALTER POLICY tenant_access ON public.skill_reviews
    USING ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))))
    WITH CHECK ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))));
ALTER POLICY tenant_isolation ON public.skill_reviews
    USING ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))))
    WITH CHECK ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))));
ALTER POLICY tenant_access ON public.skill_versions
    USING ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))))
    WITH CHECK ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))));
ALTER POLICY tenant_isolation ON public.skill_versions
    USING ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))))
    WITH CHECK ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))));
ALTER POLICY tenant_access ON public.skills
    USING ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))))
    WITH CHECK ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))));
ALTER POLICY tenant_isolation ON public.skills
    USING ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))))
    WITH CHECK ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))));
ALTER POLICY tenant_access ON public.usage_events
    USING ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))))
    WITH CHECK ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))));
ALTER POLICY tenant_isolation ON public.usage_events
    USING ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))))
    WITH CHECK ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))));
ALTER POLICY tenant_access ON public.users
    USING ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))))
    WITH CHECK ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))));
ALTER POLICY tenant_isolation ON public.users
    USING ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))))
    WITH CHECK ((tenant_id = (select current_setting('app.current_tenant_id'::text, true))));
