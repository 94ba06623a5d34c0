package io.lethe.storage;

import java.util.Objects;
import java.util.UUID;

/** A record found by {@link PersonalDataStore#findByBlindIndex}: identifiers only, never a value. */
public record IndexHit(UUID recordId, UUID subjectId) {

  public IndexHit {
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(subjectId, "subjectId");
  }
}
