package io.rlstestkit.examples.wellness;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One row of {@code practices.practice_instances}: a practice a user scheduled or completed.
 *
 * @param id           the instance's id
 * @param userId       the owner's Supabase auth user id, stored as text (as in the practices service)
 * @param practiceName the practice's name
 * @param scheduledFor the day it is scheduled for, or {@code null}
 * @param completedAt  when it was completed, or {@code null}
 * @param notes        the user's private notes, or {@code null}
 */
public record PracticeInstance(
        UUID id, String userId, String practiceName, LocalDate scheduledFor, OffsetDateTime completedAt, String notes) {
}
