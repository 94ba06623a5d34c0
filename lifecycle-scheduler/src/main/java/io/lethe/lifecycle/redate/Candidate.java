package io.lethe.lifecycle.redate;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A record claimed for redating: what finding the start of its period needs, and what the audit
 * trail names. Ids, classes and instants only, never a field.
 *
 * @param expiresAt empty while undated
 * @param policyVersion the version that computed {@code expiresAt}; empty with it, and for a date
 *     set before versions were recorded
 * @param expiryFrom the instant the date counts from; empty with it, and for a date set before
 *     starts were recorded
 * @param expiryEvent the policy's name of the event {@code expiryFrom} is
 * @param subjectClosedAt when the subject's account was closed, if it is
 */
record Candidate(UUID id, UUID subjectId, String type, String retentionClass, Instant createdAt,
    Optional<Instant> expiresAt, Optional<String> policyVersion, Optional<Instant> expiryFrom,
    Optional<String> expiryEvent, Optional<Instant> subjectClosedAt) {

  Candidate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(retentionClass, "retentionClass");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(policyVersion, "policyVersion");
    Objects.requireNonNull(expiryFrom, "expiryFrom");
    Objects.requireNonNull(expiryEvent, "expiryEvent");
    Objects.requireNonNull(subjectClosedAt, "subjectClosedAt");
  }
}
