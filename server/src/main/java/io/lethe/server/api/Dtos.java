package io.lethe.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lethe.server.problem.BadRequestException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Response to {@code POST /v1/subjects}. */
record SubjectCreated(UUID id, String status) {}

/** Body of {@code POST /v1/subjects/{id}/records}. */
record CreateRecordRequest(String type, Map<String, String> fields) {
  void validate() {
    if (type == null || type.isBlank()) {
      throw new BadRequestException("The body must name the record 'type'.");
    }
    if (fields == null || fields.isEmpty()) {
      throw new BadRequestException("The body must carry at least one entry in 'fields'.");
    }
    if (fields.values().stream().anyMatch(v -> v == null)) {
      throw new BadRequestException("Field values must be strings, not null.");
    }
  }
}

/**
 * Response to {@code POST /v1/subjects/{id}/records}; expiresAt is null until a policy applies,
 * and policyVersion, the version that computed it, with it.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record RecordCreated(UUID id, String type, Instant expiresAt, String policyVersion) {}

/** Body of {@code PATCH /v1/records/{id}}: the fields to correct (blank removes an optional one). */
record CorrectRecordRequest(Map<String, String> fields) {
  void validate() {
    if (fields == null || fields.isEmpty()) {
      throw new BadRequestException("The body must carry at least one entry in 'fields'.");
    }
    if (fields.values().stream().anyMatch(v -> v == null)) {
      throw new BadRequestException("Field values must be strings, not null.");
    }
  }
}

/** Response to a correction: which fields changed, never their values. */
record RecordChanged(UUID id, String type, Set<String> fields, Instant updatedAt) {}

/** Response to a blind-index lookup. */
record LookupResponse(java.util.List<Match> matches) {
  record Match(UUID recordId, UUID subjectId) {}
}

/**
 * A record as read for one purpose. Null expiresAt and policyVersion stay in the document: "not
 * dated yet" (or dated before versions were recorded) is an answer, not a gap.
 */
record RecordResponse(UUID id, UUID subjectId, String type, String view,
    Map<String, String> fields, Set<String> withheld, Instant createdAt,
    @JsonInclude(JsonInclude.Include.ALWAYS) Instant expiresAt,
    @JsonInclude(JsonInclude.Include.ALWAYS) String policyVersion) {}
