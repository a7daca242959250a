-- Undo of V7_6.
DROP POLICY "Users can delete own practices" ON practices.practice_instances;
DROP POLICY "Users can update own practices" ON practices.practice_instances;
DROP POLICY "Users can insert own practices" ON practices.practice_instances;
DROP POLICY "Users can view own practices" ON practices.practice_instances;
ALTER TABLE practices.practice_instances DISABLE ROW LEVEL SECURITY;
