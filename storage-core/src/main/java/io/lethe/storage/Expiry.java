package io.lethe.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * When a record expires, which retention-policy version said so, and the event its period counts
 * from. They travel together so that a record's date can always be explained by the policy that
 * computed it, and recomputed from the same start when the policy changes.
 *
 * @param from the instant of the event the period counts from; never after {@code at}
 * @param event the policy's name of that event, e.g. {@code record-created}
 */
public record Expiry(Instant at, String policyVersion, Instant from, String event) {

  public Expiry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(policyVersion, "policyVersion");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(event, "event");
    if (policyVersion.isBlank() || policyVersion.length() > 64) {
      throw new IllegalArgumentException("policyVersion must be 1 to 64 characters");
    }
    if (event.isBlank() || event.length() > 32) {
      throw new IllegalArgumentException("event must be 1 to 32 characters");
    }
    if (from.isAfter(at)) {
      throw new IllegalArgumentException("an expiry cannot come before the event it counts from");
    }
  }
}
