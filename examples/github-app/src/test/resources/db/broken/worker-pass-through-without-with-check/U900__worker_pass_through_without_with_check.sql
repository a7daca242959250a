DROP POLICY webhook_deliveries_worker_dispatch ON webhook_deliveries;
CREATE POLICY webhook_deliveries_worker_dispatch ON webhook_deliveries
    FOR SELECT
    TO app_worker
    USING (nullif(current_setting('app.current_installation_id', true), '') IS NULL);
