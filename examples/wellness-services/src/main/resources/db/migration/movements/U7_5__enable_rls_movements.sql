-- Undo of V7_5.
DROP POLICY "Users can delete own movements" ON movements.movements;
DROP POLICY "Users can update own movements" ON movements.movements;
DROP POLICY "Users can insert own movements" ON movements.movements;
DROP POLICY "Users can view own movements" ON movements.movements;
ALTER TABLE movements.movements DISABLE ROW LEVEL SECURITY;
