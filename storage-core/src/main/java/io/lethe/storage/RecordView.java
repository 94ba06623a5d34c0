package io.lethe.storage;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A record as read for one purpose: the fields that purpose may see (masked unless a plain read
 * was asked for) and the names of the fields it may not, with the record's expiry (empty while
 * its retention trigger has not happened, or for a record dated before policy versions were
 * recorded). {@code toString} lists field names only, so a view that reaches a log line does not
 * leak its values.
 */
public record RecordView(UUID id, UUID subjectId, String type, Map<String, String> fields,
    Set<String> withheldFields, Instant createdAt, Optional<Instant> expiresAt,
    Optional<String> policyVersion) {

  public RecordView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(policyVersion, "policyVersion");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    withheldFields = Collections.unmodifiableSet(new TreeSet<>(withheldFields));
  }

  @Override
  public String toString() {
    return "RecordView[id=" + id + ", subjectId=" + subjectId + ", type=" + type
        + ", fields=" + fields.keySet() + ", withheldFields=" + withheldFields
        + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt
        + ", policyVersion=" + policyVersion + "]";
  }
}
