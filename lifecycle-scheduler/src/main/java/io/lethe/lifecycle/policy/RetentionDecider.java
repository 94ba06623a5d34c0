package io.lethe.lifecycle.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what happens to a record now: the pure core of the retention sweep. It reads no clock
 * and no database, so the same facts and instant always give the same decision. Thread-safe.
 */
public final class RetentionDecider {

  private final RetentionPolicy policy;

  public RetentionDecider(RetentionPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * The decision for {@code facts} at {@code now}. A record is due from its expiry instant on.
   * A hold that applies wins over everything: a held record is never deleted or anonymized, even
   * long past its expiry. Once every hold is released or has lapsed, the record is due again.
   *
   * @throws io.lethe.lifecycle.LifecycleException {@code lifecycle.policy.class-unknown} if the
   *     policy has no rule for the record's class: better to stop than to guess an action
   */
  public Decision decide(RecordFacts facts, Instant now) {
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(now, "now");
    // Looked up first so an unknown class fails even for held or undated records.
    RetentionAction action = policy.rule(facts.retentionClass()).action();
    Optional<HoldRef> hold = facts.holds().stream().filter(h -> h.appliesAt(now)).findFirst();
    if (hold.isPresent()) {
      return new Decision.Held(hold.get().holdId());
    }
    Optional<Instant> expiresAt = facts.expiresAt();
    if (expiresAt.isEmpty() || now.isBefore(expiresAt.get())) {
      return new Decision.Retain(expiresAt);
    }
    return switch (action) {
      case DELETE -> new Decision.Delete();
      case ANONYMIZE -> new Decision.Anonymize();
    };
  }
}
