-- The foreign keys carry the tenant: each references (tenant_id, id) of its parent, so that a row can only
-- reference a row of its own tenant (a foreign key check is not subject to row-level security: with single-column
-- keys, tenant b could hang a skill version on tenant a's skill, and lose it when a deleted the skill). Nullable
-- user_id of usage_events keeps ON DELETE SET NULL for that column only (PostgreSQL 15+).

ALTER TABLE users ADD CONSTRAINT users_tenant_id_id_key UNIQUE (tenant_id, id);
ALTER TABLE skills ADD CONSTRAINT skills_tenant_id_id_key UNIQUE (tenant_id, id);
ALTER TABLE skill_versions ADD CONSTRAINT skill_versions_tenant_id_id_key UNIQUE (tenant_id, id);

ALTER TABLE skills DROP CONSTRAINT skills_author_id_fkey,
    ADD CONSTRAINT skills_tenant_author_id_fkey FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE skill_versions DROP CONSTRAINT skill_versions_skill_id_fkey,
    ADD CONSTRAINT skill_versions_tenant_skill_id_fkey FOREIGN KEY (tenant_id, skill_id) REFERENCES skills (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE skill_embeddings DROP CONSTRAINT skill_embeddings_skill_id_fkey,
    ADD CONSTRAINT skill_embeddings_tenant_skill_id_fkey FOREIGN KEY (tenant_id, skill_id) REFERENCES skills (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE skill_embeddings DROP CONSTRAINT skill_embeddings_skill_version_id_fkey,
    ADD CONSTRAINT skill_embeddings_tenant_skill_version_id_fkey FOREIGN KEY (tenant_id, skill_version_id) REFERENCES skill_versions (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE ratings DROP CONSTRAINT ratings_skill_id_fkey,
    ADD CONSTRAINT ratings_tenant_skill_id_fkey FOREIGN KEY (tenant_id, skill_id) REFERENCES skills (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE ratings DROP CONSTRAINT ratings_user_id_fkey,
    ADD CONSTRAINT ratings_tenant_user_id_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE usage_events DROP CONSTRAINT usage_events_skill_id_fkey,
    ADD CONSTRAINT usage_events_tenant_skill_id_fkey FOREIGN KEY (tenant_id, skill_id) REFERENCES skills (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE usage_events DROP CONSTRAINT usage_events_user_id_fkey,
    ADD CONSTRAINT usage_events_tenant_user_id_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (user_id);
ALTER TABLE skill_reviews DROP CONSTRAINT skill_reviews_skill_id_fkey,
    ADD CONSTRAINT skill_reviews_tenant_skill_id_fkey FOREIGN KEY (tenant_id, skill_id) REFERENCES skills (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE skill_reviews DROP CONSTRAINT skill_reviews_reviewer_id_fkey,
    ADD CONSTRAINT skill_reviews_tenant_reviewer_id_fkey FOREIGN KEY (tenant_id, reviewer_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE api_keys DROP CONSTRAINT api_keys_user_id_fkey,
    ADD CONSTRAINT api_keys_tenant_user_id_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE;
