-- Undo of V7_3.
DROP POLICY "Users can delete own habits" ON habits.habits;
DROP POLICY "Users can update own habits" ON habits.habits;
DROP POLICY "Users can insert own habits" ON habits.habits;
DROP POLICY "Users can view own habits" ON habits.habits;
ALTER TABLE habits.habits DISABLE ROW LEVEL SECURITY;
