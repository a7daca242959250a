-- BROKEN VARIANT: policy without WITH CHECK.
-- The worker pass-through on webhook_deliveries is widened from SELECT to ALL "so that the dispatcher can also
-- mark deliveries processed without setting the installation context", and written with USING only. In
-- PostgreSQL a missing WITH CHECK falls back to USING, and this USING is "no installation context is set": a
-- worker without installation context may now update (and re-home to another installation) every delivery of
-- every installation. Flaw: a pass-through predicate became the write check.
DROP POLICY webhook_deliveries_worker_dispatch ON webhook_deliveries;
CREATE POLICY webhook_deliveries_worker_dispatch ON webhook_deliveries
    FOR ALL
    TO app_worker
    USING (nullif(current_setting('app.current_installation_id', true), '') IS NULL);
