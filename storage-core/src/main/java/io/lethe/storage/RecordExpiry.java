package io.lethe.storage;

import java.time.Instant;
import java.util.Optional;

/**
 * When a new record expires, from its retention class, and under which policy version. The
 * retention policy lives in the lifecycle module; the store only asks, so that every record gets
 * its {@code expires_at} and {@code policy_version} in the same transaction that writes it.
 */
@FunctionalInterface
public interface RecordExpiry {

  /** Empty while the event the class counts from has not happened (e.g. an open account). */
  Optional<Expiry> onCreate(String retentionClass, Instant createdAt);

  /** No expiry is computed; records wait for their trigger to be recorded. */
  static RecordExpiry none() {
    return (retentionClass, createdAt) -> Optional.empty();
  }
}
