package io.rlstestkit.spring;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small application of the module's own tests: notes of each tenant, through Spring's JdbcTemplate. */
@SpringBootApplication
public class NotesApplication {
}
