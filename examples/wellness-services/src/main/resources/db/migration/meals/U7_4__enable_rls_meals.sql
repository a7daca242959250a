-- Undo of V7_4.
DROP POLICY "Users can delete own meals" ON meals.meals;
DROP POLICY "Users can update own meals" ON meals.meals;
DROP POLICY "Users can insert own meals" ON meals.meals;
DROP POLICY "Users can view own meals" ON meals.meals;
ALTER TABLE meals.meals DISABLE ROW LEVEL SECURITY;
