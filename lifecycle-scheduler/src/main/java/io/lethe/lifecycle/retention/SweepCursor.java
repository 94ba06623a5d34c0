package io.lethe.lifecycle.retention;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a sweep stands: after the record with this expiry and id, in the order the sweep walks
 * (expiry, then id). Held, deferred and failed records stay behind it, so a run never claims
 * them twice; deleted ones would not be claimed again anyway.
 */
record SweepCursor(Instant expiresAt, UUID recordId) {

  SweepCursor {
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(recordId, "recordId");
  }

  /** The opaque position stored with the run: an instant and an id, nothing personal. */
  String encode() {
    return expiresAt + "|" + recordId;
  }

  static SweepCursor decode(String position) {
    int bar = position.indexOf('|');
    if (bar < 0) {
      throw new IllegalArgumentException("not a sweep position");
    }
    return new SweepCursor(Instant.parse(position.substring(0, bar)),
        UUID.fromString(position.substring(bar + 1)));
  }
}
