package io.lethe.lifecycle.retention;

import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.lifecycle.jobs.ErrorCodes;
import io.lethe.lifecycle.jobs.JobContext;
import io.lethe.lifecycle.retention.ExpiredRecords.Candidate;
import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.objects.ObjectStore;
import java.sql.Connection;
import java.sql.Savepoint;
import java.util.Objects;
import java.util.Optional;

/** Deletes one due record, its objects and writes its audit event, all or nothing in the DB. */
final class RecordDeletion {

  private final PersonalDataStore records;
  private final ObjectStore objects;
  private final AuditOutbox audit = new AuditOutbox();

  RecordDeletion(PersonalDataStore records, ObjectStore objects) {
    this.records = Objects.requireNonNull(records, "records");
    this.objects = Objects.requireNonNull(objects, "objects");
  }

  /**
   * Deletes it unless the run is dry. Returns the error code if it failed, after undoing its
   * rows and auditing the failure. Objects go last: the bucket is outside the transaction, and
   * a failure before them leaves their content intact.
   */
  Optional<String> delete(Connection c, JobContext ctx, Candidate record) {
    if (ctx.dryRun()) {
      return Optional.empty();
    }
    Savepoint before = Savepoints.set(c);
    try {
      records.deleteRecord(c, record.id());
      audit.append(c, ctx.event("record.delete", Outcome.SUCCESS)
          .subject(record.subjectId()).record(record.id(), record.type()).build());
      objects.deleteForRecord(c, record.id());
      return Optional.empty();
    } catch (RuntimeException e) {
      Savepoints.undo(c, before, e, "record deletion");
      String code = ErrorCodes.of(e);
      audit.append(c, ctx.event("record.delete", Outcome.FAILURE).errorCode(code)
          .subject(record.subjectId()).record(record.id(), record.type()).build());
      return Optional.of(code);
    }
  }
}
