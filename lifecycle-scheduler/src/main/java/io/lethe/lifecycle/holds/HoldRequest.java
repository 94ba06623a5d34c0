package io.lethe.lifecycle.holds;

import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A request to place a legal hold on exactly one subject (all its records) or one record.
 * Validated here, except that {@code until} lies in the future, which needs the store's clock.
 *
 * @param reason why the data must be kept, for the operators; free text that must not quote
 *     personal data (it is stored and listed, never audited)
 * @param caseReference the court order, investigation or instruction number
 * @param placedBy the principal placing the hold
 * @param until when the hold lapses by itself; empty for a hold that lasts until released
 */
public record HoldRequest(Optional<UUID> subjectId, Optional<UUID> recordId, String reason,
    String caseReference, String placedBy, Optional<Instant> until) {

  public HoldRequest {
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(until, "until");
    if (subjectId.isPresent() == recordId.isPresent()) {
      throw invalid("a hold names exactly one target: a subject or a record, not "
          + (subjectId.isPresent() ? "both" : "neither"));
    }
    reason = required("reason", reason, 500);
    caseReference = required("case reference", caseReference, 200);
    placedBy = required("placed by", placedBy, 200);
  }

  public static HoldRequest onSubject(UUID subjectId, String reason, String caseReference,
      String placedBy, Optional<Instant> until) {
    return new HoldRequest(Optional.of(subjectId), Optional.empty(), reason, caseReference,
        placedBy, until);
  }

  public static HoldRequest onRecord(UUID recordId, String reason, String caseReference,
      String placedBy, Optional<Instant> until) {
    return new HoldRequest(Optional.empty(), Optional.of(recordId), reason, caseReference,
        placedBy, until);
  }

  static String required(String what, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw invalid(what + " is required");
    }
    String trimmed = value.strip();
    if (trimmed.length() > maxLength) {
      throw invalid(what + " is longer than " + maxLength + " characters");
    }
    return trimmed;
  }

  static LifecycleException invalid(String message) {
    return new LifecycleException(LifecycleErrorCode.HOLD_INVALID, message);
  }
}
