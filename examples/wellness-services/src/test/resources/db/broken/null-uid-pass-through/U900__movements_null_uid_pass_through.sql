DROP POLICY "Users can view own movements" ON movements.movements;
CREATE POLICY "Users can view own movements" ON movements.movements
    FOR SELECT TO authenticated
    USING (user_id = auth.uid());
