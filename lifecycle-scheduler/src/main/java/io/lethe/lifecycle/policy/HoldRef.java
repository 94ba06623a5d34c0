package io.lethe.lifecycle.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A legal hold on a record or on its subject, as far as retention needs to know it.
 *
 * @param endsAt when the hold lapses by itself; empty for a hold that lasts until released
 */
public record HoldRef(String holdId, Optional<Instant> endsAt) {

  public HoldRef {
    Objects.requireNonNull(holdId, "holdId");
    Objects.requireNonNull(endsAt, "endsAt");
    if (holdId.isBlank()) {
      throw new IllegalArgumentException("holdId must not be blank");
    }
  }

  /** A hold that lasts until it is released. */
  public static HoldRef indefinite(String holdId) {
    return new HoldRef(holdId, Optional.empty());
  }

  /** A hold that lapses at {@code endsAt} unless released earlier. */
  public static HoldRef until(String holdId, Instant endsAt) {
    return new HoldRef(holdId, Optional.of(endsAt));
  }

  /** Whether it still applies at {@code now}; a hold stops applying at its end instant. */
  public boolean appliesAt(Instant now) {
    return endsAt.map(now::isBefore).orElse(true);
  }
}
