package io.lethe.lifecycle.retention;

import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.lifecycle.anonymize.PolicyAnonymizer;
import io.lethe.lifecycle.jobs.ErrorCodes;
import io.lethe.lifecycle.jobs.JobContext;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.lifecycle.retention.ExpiredRecords.Candidate;
import io.lethe.storage.AnonymizedRecord;
import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.objects.ObjectStore;
import java.sql.Connection;
import java.sql.Savepoint;
import java.util.Objects;
import java.util.Optional;

/**
 * Anonymizes one due record under its class's field rules, deletes its objects (a photo cannot
 * be generalized) and writes its audit event ({@code record.anonymize}, naming the original
 * record and subject and the kept field names, never a value or the copy), all or nothing in
 * the database.
 */
final class RecordAnonymizing {

  /** What became of one record; a code only for FAILED. */
  record Result(Kind kind, Optional<String> errorCode) {
    enum Kind { ANONYMIZED, DEFERRED, FAILED }

    static final Result ANONYMIZED = new Result(Kind.ANONYMIZED, Optional.empty());
    static final Result DEFERRED = new Result(Kind.DEFERRED, Optional.empty());
  }

  private final RetentionPolicy policy;
  private final PersonalDataStore records;
  private final ObjectStore objects;
  private final AuditOutbox audit = new AuditOutbox();

  RecordAnonymizing(RetentionPolicy policy, PersonalDataStore records, ObjectStore objects) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.records = Objects.requireNonNull(records, "records");
    this.objects = Objects.requireNonNull(objects, "objects");
  }

  /**
   * Anonymizes it unless the run is dry. A suspended subject's record is DEFERRED: generalizing
   * its values is processing, which suspension restricts; it is taken again after resumption.
   * Other failures undo the record's rows, are audited with their code and return FAILED.
   * Objects go last: the bucket is outside the transaction.
   */
  Result anonymize(Connection c, JobContext ctx, Candidate record) {
    if (ctx.dryRun()) {
      return Result.ANONYMIZED;
    }
    Savepoint before = Savepoints.set(c);
    try {
      PolicyAnonymizer anonymizer = new PolicyAnonymizer(
          policy.anonymization(record.retentionClass()).orElseThrow());
      AnonymizedRecord done =
          records.anonymizeRecord(c, record.id(), anonymizer, policy.version());
      audit.append(c, ctx.event("record.anonymize", Outcome.SUCCESS)
          .subject(record.subjectId()).record(record.id(), record.type())
          .fields(done.keptFields().stream().sorted().toList()).build());
      objects.deleteForRecord(c, record.id());
      return Result.ANONYMIZED;
    } catch (RuntimeException e) {
      Savepoints.undo(c, before, e, "anonymization");
      String code = ErrorCodes.of(e);
      audit.append(c, ctx.event("record.anonymize", Outcome.FAILURE).errorCode(code)
          .subject(record.subjectId()).record(record.id(), record.type()).build());
      if (code.equals(StorageErrorCode.SUBJECT_SUSPENDED.code())) {
        return Result.DEFERRED;
      }
      return new Result(Result.Kind.FAILED, Optional.of(code));
    }
  }
}
