package io.lethe.lifecycle.policy;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rule of one retention class: keep for {@code period}, counted from {@code countedFrom},
 * then apply {@code action}.
 *
 * @param description what the class holds and which promise it serves; empty if none was given
 */
public record RetentionRule(String retentionClass, RetentionPeriod period, Trigger countedFrom,
    RetentionAction action, String description) {

  public RetentionRule {
    Objects.requireNonNull(retentionClass, "retentionClass");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(countedFrom, "countedFrom");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(description, "description");
    if (retentionClass.isBlank()) {
      throw new IllegalArgumentException("retentionClass must not be blank");
    }
  }

  /**
   * When a record of this class expires, given the events known for it: the time of
   * {@link #countedFrom()} plus {@link #period()}. Empty while that event has not happened, e.g.
   * {@code subject-closed} for an account still open: such a record is kept until it happens.
   *
   * @param events the times of the events that have happened; other triggers are ignored
   */
  public Optional<Instant> expiresAt(Map<Trigger, Instant> events) {
    Objects.requireNonNull(events, "events");
    return Optional.ofNullable(events.get(countedFrom)).map(period::addTo);
  }
}
