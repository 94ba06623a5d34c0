package io.lethe.lifecycle.triggers;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A subject's account after a closure or a reopening.
 *
 * @param closedAt when the account was closed; empty once reopened
 * @param recordsExpiring how many of its ACTIVE records now expire because of the closure: those
 *     whose retention class counts from {@code subject-closed}; 0 once reopened
 */
public record Closure(UUID subjectId, Optional<Instant> closedAt, int recordsExpiring) {

  public Closure {
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(closedAt, "closedAt");
    if (recordsExpiring < 0) {
      throw new IllegalArgumentException("recordsExpiring cannot be negative");
    }
  }
}
