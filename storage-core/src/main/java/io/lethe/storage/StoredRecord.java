package io.lethe.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What {@link PersonalDataStore#createRecord} wrote: identifiers only, never a value. The expiry
 * is empty while the record's retention trigger has not happened.
 */
public record StoredRecord(UUID id, UUID subjectId, String type, Instant createdAt,
    Optional<Expiry> expiry) {

  public StoredRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiry, "expiry");
  }

  public Optional<Instant> expiresAt() {
    return expiry.map(Expiry::at);
  }

  /** The retention-policy version that computed {@link #expiresAt()}. */
  public Optional<String> policyVersion() {
    return expiry.map(Expiry::policyVersion);
  }
}
