package io.rlstestkit.spring;

import org.springframework.data.jpa.repository.JpaRepository;

/** The test application's Spring Data JPA repository of notes (Hibernate). */
public interface NoteRepository extends JpaRepository<Note, Long> {
}
