package io.lethe.lifecycle.holds;

import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.lifecycle.policy.HoldRef;
import java.sql.Connection;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Legal holds on subjects and records. A hold stops every deletion and anonymization of what it
 * covers, whatever the retention policy says, until it is released or its end passes.
 *
 * <p>Every method takes the caller's {@link Connection} and neither commits, rolls back nor
 * closes it. Placing and releasing write their audit event ({@code hold.place},
 * {@code hold.release}, naming the hold, its target and the principal) to the audit outbox in
 * that same transaction, so a hold never exists without its trail.
 *
 * <p><b>Concurrency.</b> Placing a hold locks, until the caller commits, the rows of the records
 * it covers (the record, or the subject and all its records not deleted); the retention jobs
 * claim records with the same row locks before they read holds. So a hold placed while a sweep
 * runs is either seen by the sweep, or waits for the sweep's batch to commit (a record deleted
 * by it is then no longer covered, and a hold on it alone is refused). Thread-safe with
 * distinct connections.
 *
 * <p><b>Failures.</b> {@link io.lethe.lifecycle.LifecycleException} with
 * {@code lifecycle.hold.invalid}, {@code lifecycle.hold.not-found},
 * {@code lifecycle.hold.already-released}, {@code lifecycle.hold.target-not-found} or
 * {@code lifecycle.database}; an audit write failure throws the audit module's exception. After
 * any exception the caller must roll back.
 */
public interface LegalHolds {

  static LegalHolds create(Clock clock, AuditOutbox audit) {
    return new JdbcLegalHolds(clock, audit);
  }

  /** Places a hold; {@code until}, if given, must lie in the future. */
  LegalHold place(Connection c, HoldRequest request);

  /** Releases an active or lapsed hold; the row stays, with who released it and when. */
  LegalHold release(Connection c, UUID holdId, String releasedBy);

  Optional<LegalHold> find(Connection c, UUID holdId);

  /** Every hold active now, oldest first. */
  List<LegalHold> listActive(Connection c);

  /**
   * The holds active now on the record or on its subject, oldest first; empty for an unknown
   * record. Lapsed and released holds are left out.
   */
  List<HoldRef> activeFor(Connection c, UUID recordId);

  /**
   * {@link #activeFor} for many records at once, with one query (per thousand records) instead
   * of one each: record id → the holds active now on it or on its subject, oldest first. A
   * record without any, or unknown, is absent from the map.
   */
  Map<UUID, List<HoldRef>> activeForRecords(Connection c, Collection<UUID> recordIds);

  /** The holds active now on the subject itself or on any of its records, oldest first. */
  List<HoldRef> activeForSubject(Connection c, UUID subjectId);
}
