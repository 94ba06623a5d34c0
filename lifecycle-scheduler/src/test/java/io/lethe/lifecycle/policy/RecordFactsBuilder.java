package io.lethe.lifecycle.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test data builder: a device-log record unless told otherwise. */
final class RecordFactsBuilder {

  private final String recordId;
  private String retentionClass = "device-log-6-months";
  private Optional<Instant> expiresAt;
  private final List<HoldRef> holds = new ArrayList<>();

  private RecordFactsBuilder(String recordId, Instant expiresAt) {
    this.recordId = recordId;
    this.expiresAt = Optional.of(expiresAt);
  }

  static RecordFactsBuilder aRecordExpiringAt(Instant expiresAt) {
    return new RecordFactsBuilder("rec-1", expiresAt);
  }

  RecordFactsBuilder inClass(String retentionClass) {
    this.retentionClass = retentionClass;
    return this;
  }

  RecordFactsBuilder withoutExpiry() {
    this.expiresAt = Optional.empty();
    return this;
  }

  RecordFactsBuilder held(HoldRef hold) {
    holds.add(hold);
    return this;
  }

  RecordFacts build() {
    return new RecordFacts(recordId, retentionClass, expiresAt, holds);
  }
}
