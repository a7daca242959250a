package io.rlstestkit.spring;

import org.springframework.stereotype.Component;

/** The test application's health check: counts notes as the application's role, across tenants, on purpose. */
@Component
public class HealthCheck {

    private final Notes notes;

    public HealthCheck(Notes notes) {
        this.notes = notes;
    }

    @Maintenance
    public long notesVisibleWithoutTenant() {
        return notes.countForgettingTheTenant();
    }
}
