-- Leak: "public notes" for every signed-in user, without a condition.
CREATE POLICY "notes are public" ON public.notes FOR SELECT TO authenticated USING (true);
