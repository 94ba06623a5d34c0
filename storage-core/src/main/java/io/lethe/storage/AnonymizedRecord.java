package io.lethe.storage;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What anonymizing a record did, for the caller's audit event: the original's ids (which the
 * anonymized copy does not carry) and the names of the fields the copy kept.
 *
 * @param keptFields empty when the subject was erased: nothing readable was left to keep, and no
 *     copy was written
 */
public record AnonymizedRecord(UUID recordId, UUID subjectId, String type,
    Set<String> keptFields) {

  public AnonymizedRecord {
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(type, "type");
    keptFields = Set.copyOf(keptFields);
  }
}
