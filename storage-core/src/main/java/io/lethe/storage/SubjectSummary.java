package io.lethe.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What an operator may see of a subject: status, dates and how much is stored about it, never
 * any value. {@code policyVersion} is null until a consent is recorded.
 */
public record SubjectSummary(UUID id, SubjectStatus status, Instant createdAt,
    String policyVersion, long records, long objects) {
  public SubjectSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
