package io.lethe.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** What {@link PersonalDataStore#createRecord} wrote: identifiers only, never a value. */
public record StoredRecord(UUID id, UUID subjectId, String type, Instant createdAt,
    Optional<Instant> expiresAt) {

  public StoredRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
