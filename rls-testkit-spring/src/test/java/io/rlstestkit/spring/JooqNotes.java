package io.rlstestkit.spring;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.UUID;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

/** The test application's notes through jOOQ, in jOOQ's transactions (Spring's, as Boot configures jOOQ). */
@Repository
public class JooqNotes {

    private final DSLContext dsl;

    public JooqNotes(DSLContext dsl) {
        this.dsl = dsl;
    }

    public List<String> bodies(UUID tenant) {
        return dsl.transactionResult(transaction -> {
            DSLContext tx = transaction.dsl();
            tx.fetch("select set_config('app.current_tenant_id', ?, true)", tenant.toString());
            tx.execute("set local role notes_user");
            return tx.select(field("body", String.class)).from(table("notes")).orderBy(field("id"))
                    .fetch(field("body", String.class));
        });
    }

    /** The forgotten tenant: the application's role, no tenant. */
    public int countForgettingTheTenant() {
        return dsl.transactionResult(transaction -> {
            DSLContext tx = transaction.dsl();
            tx.execute("set local role notes_user");
            return tx.fetchCount(table("notes"));
        });
    }
}
