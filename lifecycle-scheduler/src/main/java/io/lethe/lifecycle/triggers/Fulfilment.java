package io.lethe.lifecycle.triggers;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A record whose purpose was fulfilled, when it now expires and the policy version that computed
 * that date (empty only for a date kept from before versions were recorded). Ids and dates only.
 */
public record Fulfilment(UUID recordId, UUID subjectId, String type, Instant expiresAt,
    Optional<String> policyVersion) {

  public Fulfilment {
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(policyVersion, "policyVersion");
  }
}
