package io.rlstestkit.spring;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * The test application's notes through JPA: Spring Data's repository on Hibernate, the tenant set for each
 * transaction with a native query (or, once, forgotten).
 */
@Service
public class JpaNotes {

    private final NoteRepository repository;
    @PersistenceContext
    private EntityManager entityManager;

    public JpaNotes(NoteRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public List<String> bodies(UUID tenant) {
        asTenant(tenant);
        return repository.findAll(Sort.by("id")).stream().map(Note::body).toList();
    }

    @Transactional
    public void add(UUID tenant, String body) {
        asTenant(tenant);
        repository.saveAndFlush(new Note(tenant, body));
    }

    /** The forgotten tenant: the application's role, no tenant. */
    @Transactional
    public long countForgettingTheTenant() {
        entityManager.createNativeQuery("set local role notes_user").executeUpdate();
        return repository.count();
    }

    private void asTenant(UUID tenant) {
        entityManager.createNativeQuery("select set_config('app.current_tenant_id', :tenant, true)")
                .setParameter("tenant", tenant.toString()).getSingleResult();
        entityManager.createNativeQuery("set local role notes_user").executeUpdate();
    }
}
