package io.rlstestkit.spring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A note as the test application's JPA entity: the same table as {@link Notes} reads with JdbcTemplate. */
@Entity
@Table(name = "notes")
public class Note {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @Column(nullable = false)
    private String body;

    protected Note() {
    }

    public Note(UUID tenantId, String body) {
        this.tenantId = tenantId;
        this.body = body;
    }

    public String body() {
        return body;
    }
}
