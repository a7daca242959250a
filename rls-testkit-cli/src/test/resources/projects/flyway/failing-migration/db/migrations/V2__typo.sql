-- A migration that PostgreSQL refuses: the table it alters does not exist.
ALTER TABLE reviewz ENABLE ROW LEVEL SECURITY;
