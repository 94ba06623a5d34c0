package io.lethe.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * When a record expires and which retention-policy version said so. The two travel together so
 * that a record's date can always be explained by the policy that computed it.
 */
public record Expiry(Instant at, String policyVersion) {

  public Expiry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(policyVersion, "policyVersion");
    if (policyVersion.isBlank() || policyVersion.length() > 64) {
      throw new IllegalArgumentException("policyVersion must be 1 to 64 characters");
    }
  }
}
