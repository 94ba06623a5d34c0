package io.lethe.lifecycle.erasure;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A subject's erasure as stored: who asked, and how far the job got. Ids, counts and instants
 * only.
 *
 * @param keyDestroyedAt when the subject key was destroyed; empty while nothing was done
 * @param lastErrorCode the code of the last failed attempt, if any; the next run tries again
 * @param finishedAt when the last row and object were purged
 */
public record Erasure(UUID subjectId, UUID requestId, String requestedBy, Instant requestedAt,
    Optional<Instant> keyDestroyedAt, long recordsPurged, long objectsPurged,
    Optional<String> lastErrorCode, Optional<Instant> finishedAt) {

  public Erasure {
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(keyDestroyedAt, "keyDestroyedAt");
    Objects.requireNonNull(lastErrorCode, "lastErrorCode");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  public boolean finished() {
    return finishedAt.isPresent();
  }
}
