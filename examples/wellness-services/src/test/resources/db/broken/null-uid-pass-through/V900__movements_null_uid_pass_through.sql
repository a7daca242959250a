-- BROKEN VARIANT: pass-through when auth.uid() is NULL.
-- The document reasons that "auth.uid() is NULL when using SERVICE_ROLE, so the USING clause is skipped". It is
-- not: service_role skips RLS because it has BYPASSRLS. Believing it, someone made the movements SELECT policy
-- let NULL through, "for the services". Any request of the authenticated role without a "sub" claim (a
-- misconfigured gateway, a token without subject) now reads every user's movements.
DROP POLICY "Users can view own movements" ON movements.movements;
CREATE POLICY "Users can view own movements" ON movements.movements
    FOR SELECT TO authenticated
    USING (auth.uid() IS NULL OR user_id = auth.uid());
