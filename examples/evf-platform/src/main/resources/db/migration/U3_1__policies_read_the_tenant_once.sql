-- Undoes V3_1: the policies read the identity as before, outside a subquery.
ALTER POLICY tenant_append ON public.audit_logs
    WITH CHECK (((tenant_id = (NULLIF(current_setting('app.current_tenant'::text, true), ''::text))::uuid) OR ((tenant_id IS NULL) AND (security_event IS NOT NULL))));
ALTER POLICY tenant_read ON public.audit_logs
    USING ((tenant_id = (NULLIF(current_setting('app.current_tenant'::text, true), ''::text))::uuid));
ALTER POLICY tenant_isolation ON public.compliance_checks
    USING ((tenant_id = (NULLIF(current_setting('app.current_tenant'::text, true), ''::text))::uuid))
    WITH CHECK ((tenant_id = (NULLIF(current_setting('app.current_tenant'::text, true), ''::text))::uuid));
ALTER POLICY tenant_isolation ON public.evf
    USING ((tenant_id = (NULLIF(current_setting('app.current_tenant'::text, true), ''::text))::uuid))
    WITH CHECK ((tenant_id = (NULLIF(current_setting('app.current_tenant'::text, true), ''::text))::uuid));
ALTER POLICY tenant_isolation ON public.evf_documents
    USING ((tenant_id = (NULLIF(current_setting('app.current_tenant'::text, true), ''::text))::uuid))
    WITH CHECK ((tenant_id = (NULLIF(current_setting('app.current_tenant'::text, true), ''::text))::uuid));
