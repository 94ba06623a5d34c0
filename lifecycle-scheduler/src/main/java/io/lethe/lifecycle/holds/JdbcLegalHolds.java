package io.lethe.lifecycle.holds;

import io.lethe.audit.AuditEvent;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import io.lethe.lifecycle.policy.HoldRef;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Validates, locks the target, writes the row and its audit event; holds no per-call state. */
final class JdbcLegalHolds implements LegalHolds {

  private final Clock clock;
  private final AuditOutbox audit;
  private final HoldRows rows = new HoldRows();

  JdbcLegalHolds(Clock clock, AuditOutbox audit) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  @Override
  public LegalHold place(Connection c, HoldRequest request) {
    Objects.requireNonNull(request, "request");
    Instant now = now();
    if (request.until().isPresent() && !request.until().get().isAfter(now)) {
      throw HoldRequest.invalid("the hold's end must lie in the future");
    }
    boolean onSubject = request.subjectId().isPresent();
    UUID target = request.subjectId().or(request::recordId).orElseThrow();
    if (!rows.lockTarget(c, onSubject, target)) {
      throw new LifecycleException(LifecycleErrorCode.HOLD_TARGET_NOT_FOUND,
          (onSubject ? "subject " : "record ") + target
              + " does not exist or is already deleted");
    }
    LegalHold hold = new LegalHold(UUID.randomUUID(), request.subjectId(), request.recordId(),
        request.reason(), request.caseReference(), request.placedBy(), now, request.until(),
        Optional.empty(), Optional.empty());
    rows.insert(c, hold);
    audit.append(c, event("hold.place", hold, request.placedBy(), now));
    return hold;
  }

  @Override
  public LegalHold release(Connection c, UUID holdId, String releasedBy) {
    Objects.requireNonNull(holdId, "holdId");
    String by = HoldRequest.required("released by", releasedBy, 200);
    LegalHold hold = rows.find(c, holdId).orElseThrow(() -> new LifecycleException(
        LifecycleErrorCode.HOLD_NOT_FOUND, "legal hold " + holdId + " does not exist"));
    Instant now = now();
    if (hold.releasedAt().isPresent() || !rows.markReleased(c, holdId, now, by)) {
      throw new LifecycleException(LifecycleErrorCode.HOLD_ALREADY_RELEASED,
          "legal hold " + holdId + " was already released");
    }
    LegalHold released = new LegalHold(hold.id(), hold.subjectId(), hold.recordId(),
        hold.reason(), hold.caseReference(), hold.placedBy(), hold.placedAt(), hold.until(),
        Optional.of(now), Optional.of(by));
    audit.append(c, event("hold.release", released, by, now));
    return released;
  }

  @Override
  public Optional<LegalHold> find(Connection c, UUID holdId) {
    return rows.find(c, Objects.requireNonNull(holdId, "holdId"));
  }

  @Override
  public List<LegalHold> listActive(Connection c) {
    return rows.active(c, now());
  }

  @Override
  public List<HoldRef> activeFor(Connection c, UUID recordId) {
    return rows.activeForRecord(c, Objects.requireNonNull(recordId, "recordId"), now()).stream()
        .map(LegalHold::toRef).toList();
  }

  @Override
  public Map<UUID, List<HoldRef>> activeForRecords(Connection c, Collection<UUID> recordIds) {
    Map<UUID, List<HoldRef>> refs = new HashMap<>();
    rows.activeForRecords(c, Objects.requireNonNull(recordIds, "recordIds"), now()).forEach(
        (record, holds) -> refs.put(record, holds.stream().map(LegalHold::toRef).toList()));
    return refs;
  }

  @Override
  public List<HoldRef> activeForSubject(Connection c, UUID subjectId) {
    return rows.activeForSubject(c, Objects.requireNonNull(subjectId, "subjectId"), now())
        .stream().map(LegalHold::toRef).toList();
  }

  /** Ids only: reason and case reference are free text and stay out of the audit index. */
  private static AuditEvent event(String action, LegalHold hold, String actor, Instant at) {
    AuditEvent.Builder b = AuditEvent.builder(action, AuditEvent.Outcome.SUCCESS)
        .timestamp(at).category("configuration").actor(actor, List.of()).hold(hold.id());
    hold.subjectId().ifPresent(b::subject);
    hold.recordId().ifPresent(r -> b.record(r, null));
    return b.build();
  }

  /** Microseconds: what PostgreSQL stores, so a value read back equals the one returned. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
