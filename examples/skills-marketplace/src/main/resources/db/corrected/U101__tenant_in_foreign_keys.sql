-- Undo of V101: the single-column foreign keys of V1, and no (tenant_id, id) keys.

ALTER TABLE skills DROP CONSTRAINT skills_tenant_author_id_fkey,
    ADD CONSTRAINT skills_author_id_fkey FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE skill_versions DROP CONSTRAINT skill_versions_tenant_skill_id_fkey,
    ADD CONSTRAINT skill_versions_skill_id_fkey FOREIGN KEY (skill_id) REFERENCES skills (id) ON DELETE CASCADE;
ALTER TABLE skill_embeddings DROP CONSTRAINT skill_embeddings_tenant_skill_id_fkey,
    ADD CONSTRAINT skill_embeddings_skill_id_fkey FOREIGN KEY (skill_id) REFERENCES skills (id) ON DELETE CASCADE;
ALTER TABLE skill_embeddings DROP CONSTRAINT skill_embeddings_tenant_skill_version_id_fkey,
    ADD CONSTRAINT skill_embeddings_skill_version_id_fkey FOREIGN KEY (skill_version_id) REFERENCES skill_versions (id) ON DELETE CASCADE;
ALTER TABLE ratings DROP CONSTRAINT ratings_tenant_skill_id_fkey,
    ADD CONSTRAINT ratings_skill_id_fkey FOREIGN KEY (skill_id) REFERENCES skills (id) ON DELETE CASCADE;
ALTER TABLE ratings DROP CONSTRAINT ratings_tenant_user_id_fkey,
    ADD CONSTRAINT ratings_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE usage_events DROP CONSTRAINT usage_events_tenant_skill_id_fkey,
    ADD CONSTRAINT usage_events_skill_id_fkey FOREIGN KEY (skill_id) REFERENCES skills (id) ON DELETE CASCADE;
ALTER TABLE usage_events DROP CONSTRAINT usage_events_tenant_user_id_fkey,
    ADD CONSTRAINT usage_events_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE skill_reviews DROP CONSTRAINT skill_reviews_tenant_skill_id_fkey,
    ADD CONSTRAINT skill_reviews_skill_id_fkey FOREIGN KEY (skill_id) REFERENCES skills (id) ON DELETE CASCADE;
ALTER TABLE skill_reviews DROP CONSTRAINT skill_reviews_tenant_reviewer_id_fkey,
    ADD CONSTRAINT skill_reviews_reviewer_id_fkey FOREIGN KEY (reviewer_id) REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE api_keys DROP CONSTRAINT api_keys_tenant_user_id_fkey,
    ADD CONSTRAINT api_keys_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;

ALTER TABLE skill_versions DROP CONSTRAINT skill_versions_tenant_id_id_key;
ALTER TABLE skills DROP CONSTRAINT skills_tenant_id_id_key;
ALTER TABLE users DROP CONSTRAINT users_tenant_id_id_key;
