package io.lethe.lifecycle.retention;

import io.lethe.audit.AuditEvent;
import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.lifecycle.jobs.ErrorCodes;
import io.lethe.lifecycle.jobs.JobContext;
import io.lethe.lifecycle.retention.ExpiredRecords.Candidate;
import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.objects.ObjectStore;
import java.sql.Connection;
import java.sql.Savepoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Deletes due records, their objects and writes their audit events, all or nothing in the DB:
 * a batch's records as one set, and one by one when the set fails.
 */
final class RecordDeletion {

  private final PersonalDataStore records;
  private final ObjectStore objects;
  private final AuditOutbox audit = new AuditOutbox();

  RecordDeletion(PersonalDataStore records, ObjectStore objects) {
    this.records = Objects.requireNonNull(records, "records");
    this.objects = Objects.requireNonNull(objects, "objects");
  }

  /**
   * Deletes them all unless the run is dry, with a few statements and one S3 batch delete
   * whatever their number: each record one by one costs a dozen statements, each a random
   * index access, and that cost grew with the table. Returns the error code of each record that
   * failed, by id. If the set fails (an object store that is down, a record deleted meanwhile),
   * its rows are undone and every record takes {@link #delete} on its own, exactly as before:
   * the set never loses the records that can be deleted, and each failure is audited with its
   * own code.
   */
  Map<UUID, String> deleteAll(Connection c, JobContext ctx, List<Candidate> due) {
    if (ctx.dryRun() || due.isEmpty()) {
      return Map.of();
    }
    Savepoint before = Savepoints.set(c);
    try {
      List<UUID> ids = due.stream().map(Candidate::id).toList();
      records.deleteRecords(c, ids);
      audit.appendAll(c, due.stream().map(r -> deleted(ctx, r, Outcome.SUCCESS).build())
          .toList());
      objects.deleteForRecords(c, ids);
      return Map.of();
    } catch (RuntimeException e) {
      Savepoints.undo(c, before, e, "deletion of a batch");
      Map<UUID, String> failed = new LinkedHashMap<>();
      for (Candidate record : due) {
        delete(c, ctx, record).ifPresent(code -> failed.put(record.id(), code));
      }
      return failed;
    }
  }

  /**
   * Deletes one record. Returns the error code if it failed, after undoing its
   * rows and auditing the failure. Objects go last: the bucket is outside the transaction, and
   * a failure before them leaves their content intact.
   */
  private Optional<String> delete(Connection c, JobContext ctx, Candidate record) {
    Savepoint before = Savepoints.set(c);
    try {
      records.deleteRecord(c, record.id());
      audit.append(c, deleted(ctx, record, Outcome.SUCCESS).build());
      objects.deleteForRecord(c, record.id());
      return Optional.empty();
    } catch (RuntimeException e) {
      Savepoints.undo(c, before, e, "record deletion");
      String code = ErrorCodes.of(e);
      audit.append(c, deleted(ctx, record, Outcome.FAILURE).errorCode(code).build());
      return Optional.of(code);
    }
  }

  private static AuditEvent.Builder deleted(JobContext ctx, Candidate record, Outcome outcome) {
    return ctx.event("record.delete", outcome).subject(record.subjectId())
        .record(record.id(), record.type());
  }
}
