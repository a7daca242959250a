DROP POLICY "Users can complete shared practices" ON practices.practice_instances;
