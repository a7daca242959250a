-- The policies read the session's identity (current_setting, auth.uid(), auth.jwt()) in a scalar subquery,
-- (select ...), so that PostgreSQL reads it once per statement instead of once per row (the audit's
-- POLICY_PER_ROW_CALL). The conditions are unchanged: only where the identity is read.
ALTER POLICY audit_logs_owner_only ON public.audit_logs
    USING ((user_github_id = (NULLIF((select current_setting('app.current_user_github_id'::text, true)), ''::text))::bigint))
    WITH CHECK ((user_github_id = (NULLIF((select current_setting('app.current_user_github_id'::text, true)), ''::text))::bigint));
ALTER POLICY installation_members_installation_isolation ON public.installation_members
    USING ((installation_id = (NULLIF((select current_setting('app.current_installation_id'::text, true)), ''::text))::uuid))
    WITH CHECK ((installation_id = (NULLIF((select current_setting('app.current_installation_id'::text, true)), ''::text))::uuid));
ALTER POLICY pull_request_reviews_installation_isolation ON public.pull_request_reviews
    USING ((installation_id = (NULLIF((select current_setting('app.current_installation_id'::text, true)), ''::text))::uuid))
    WITH CHECK ((installation_id = (NULLIF((select current_setting('app.current_installation_id'::text, true)), ''::text))::uuid));
ALTER POLICY repositories_installation_isolation ON public.repositories
    USING ((installation_id = (NULLIF((select current_setting('app.current_installation_id'::text, true)), ''::text))::uuid))
    WITH CHECK ((installation_id = (NULLIF((select current_setting('app.current_installation_id'::text, true)), ''::text))::uuid));
ALTER POLICY user_api_keys_owner_only ON public.user_api_keys
    USING ((user_github_id = (NULLIF((select current_setting('app.current_user_github_id'::text, true)), ''::text))::bigint))
    WITH CHECK ((user_github_id = (NULLIF((select current_setting('app.current_user_github_id'::text, true)), ''::text))::bigint));
ALTER POLICY webhook_deliveries_installation_isolation ON public.webhook_deliveries
    USING ((installation_id = (NULLIF((select current_setting('app.current_installation_id'::text, true)), ''::text))::uuid))
    WITH CHECK ((installation_id = (NULLIF((select current_setting('app.current_installation_id'::text, true)), ''::text))::uuid));
ALTER POLICY webhook_deliveries_worker_dispatch ON public.webhook_deliveries
    USING ((NULLIF((select current_setting('app.current_installation_id'::text, true)), ''::text) IS NULL));
