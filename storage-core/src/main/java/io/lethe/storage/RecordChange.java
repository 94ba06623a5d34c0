package io.lethe.storage;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What a correction or deletion changed: the record, its subject, and the names of the fields
 * written or removed (for the audit event). Never a value.
 */
public record RecordChange(UUID recordId, UUID subjectId, String type, Set<String> fields,
    Instant changedAt) {

  public RecordChange {
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(changedAt, "changedAt");
    fields = Collections.unmodifiableSet(new TreeSet<>(fields));
  }
}
