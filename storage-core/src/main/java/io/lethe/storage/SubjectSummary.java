package io.lethe.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What an operator may see of a subject: status, dates and how much is stored about it, never
 * any value. {@code policyVersion} is null until a consent is recorded; {@code closedAt} while
 * the account is open (it is set by a closure, or by the erasure of an open account).
 */
public record SubjectSummary(UUID id, SubjectStatus status, Instant createdAt,
    String policyVersion, Instant closedAt, long records, long objects) {
  public SubjectSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
