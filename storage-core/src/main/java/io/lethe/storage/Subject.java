package io.lethe.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The person data is about, by an opaque id that carries no personal data. */
public record Subject(UUID id, SubjectStatus status, Instant createdAt) {

  public Subject {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
