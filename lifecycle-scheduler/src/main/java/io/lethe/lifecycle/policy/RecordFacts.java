package io.lethe.lifecycle.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the retention decision needs to know about one record.
 *
 * @param recordId the record's opaque id, for reports
 * @param expiresAt the stored expiry; empty while its trigger event has not happened
 * @param holds the holds not yet released on the record and on its subject; holds whose end
 *     has passed may be included and are ignored
 */
public record RecordFacts(String recordId, String retentionClass, Optional<Instant> expiresAt,
    List<HoldRef> holds) {

  public RecordFacts {
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(retentionClass, "retentionClass");
    Objects.requireNonNull(expiresAt, "expiresAt");
    holds = List.copyOf(holds);
  }
}
