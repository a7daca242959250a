-- Undo of V4 (runs before any object is stored in the two buckets).
DROP POLICY "Service role full access" ON storage.objects;
DROP POLICY "Public can view public bucket" ON storage.objects;
DROP POLICY "Users can view own files" ON storage.objects;
DROP POLICY "Users can upload to own folder" ON storage.objects;

DELETE FROM storage.buckets WHERE id IN ('avatars', 'public');
