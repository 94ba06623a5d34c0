package io.lethe.lifecycle.triggers;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A record whose purpose was fulfilled, and when it now expires. Ids and dates only. */
public record Fulfilment(UUID recordId, UUID subjectId, String type, Instant expiresAt) {

  public Fulfilment {
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
