package io.lethe.lifecycle.requests;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A subject request and the steps it went through, oldest first. Ids and names only: what was
 * requested in detail is in the audit trail, never here. {@code policyVersion} is the retention
 * policy's version when the request was received; empty for one received before it was recorded.
 */
public record SubjectRequest(UUID id, UUID subjectId, RequestKind kind, RequestStatus status,
    String requestedBy, Instant createdAt, Optional<Instant> finishedAt,
    Optional<String> policyVersion, List<Step> history) {

  public SubjectRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(policyVersion, "policyVersion");
    history = List.copyOf(history);
  }

  /** One status the request entered, and when. */
  public record Step(RequestStatus status, Instant at) {
    public Step {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(at, "at");
    }
  }
}
