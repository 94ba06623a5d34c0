package io.lethe.lifecycle.holds;

import io.lethe.lifecycle.policy.HoldRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A legal hold as stored: its target, why, who placed it, and whether it was released. */
public record LegalHold(UUID id, Optional<UUID> subjectId, Optional<UUID> recordId,
    String reason, String caseReference, String placedBy, Instant placedAt,
    Optional<Instant> until, Optional<Instant> releasedAt, Optional<String> releasedBy) {

  public LegalHold {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(caseReference, "caseReference");
    Objects.requireNonNull(placedBy, "placedBy");
    Objects.requireNonNull(placedAt, "placedAt");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(releasedAt, "releasedAt");
    Objects.requireNonNull(releasedBy, "releasedBy");
  }

  /** Not released, and its end (if any) not reached at {@code now}. */
  public boolean activeAt(Instant now) {
    return releasedAt.isEmpty() && until.map(now::isBefore).orElse(true);
  }

  /** What the retention decision needs to know of it. */
  public HoldRef toRef() {
    return new HoldRef(id.toString(), until);
  }
}
