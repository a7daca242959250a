-- The policies read the session's identity (current_setting, auth.uid(), auth.jwt()) in a scalar subquery,
-- (select ...), so that PostgreSQL reads it once per statement instead of once per row (the audit's
-- POLICY_PER_ROW_CALL). The conditions are unchanged: only where the identity is read.
ALTER POLICY tenant_append ON public.audit_logs
    WITH CHECK (((tenant_id = (NULLIF((select current_setting('app.current_tenant'::text, true)), ''::text))::uuid) OR ((tenant_id IS NULL) AND (security_event IS NOT NULL))));
ALTER POLICY tenant_read ON public.audit_logs
    USING ((tenant_id = (NULLIF((select current_setting('app.current_tenant'::text, true)), ''::text))::uuid));
ALTER POLICY tenant_isolation ON public.compliance_checks
    USING ((tenant_id = (NULLIF((select current_setting('app.current_tenant'::text, true)), ''::text))::uuid))
    WITH CHECK ((tenant_id = (NULLIF((select current_setting('app.current_tenant'::text, true)), ''::text))::uuid));
ALTER POLICY tenant_isolation ON public.evf
    USING ((tenant_id = (NULLIF((select current_setting('app.current_tenant'::text, true)), ''::text))::uuid))
    WITH CHECK ((tenant_id = (NULLIF((select current_setting('app.current_tenant'::text, true)), ''::text))::uuid));
ALTER POLICY tenant_isolation ON public.evf_documents
    USING ((tenant_id = (NULLIF((select current_setting('app.current_tenant'::text, true)), ''::text))::uuid))
    WITH CHECK ((tenant_id = (NULLIF((select current_setting('app.current_tenant'::text, true)), ''::text))::uuid));
