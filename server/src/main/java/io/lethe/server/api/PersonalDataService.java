package io.lethe.server.api;

import io.lethe.audit.AuditEvent;
import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.lifecycle.LifecycleException;
import io.lethe.lifecycle.erasure.Erasure;
import io.lethe.lifecycle.erasure.ErasureJob;
import io.lethe.lifecycle.erasure.Erasures;
import io.lethe.lifecycle.quartz.LifecycleScheduler;
import io.lethe.lifecycle.requests.RequestKind;
import io.lethe.lifecycle.requests.SubjectRequest;
import io.lethe.lifecycle.requests.SubjectRequests;
import io.lethe.server.audit.AuditTrail;
import io.lethe.server.db.Transactions;
import io.lethe.server.problem.StatisticsPurposeException;
import io.lethe.server.security.AccessDeniedException;
import io.lethe.server.security.Caller;
import io.lethe.storage.IndexHit;
import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.RecordChange;
import io.lethe.storage.RecordView;
import io.lethe.storage.StorageException;
import io.lethe.storage.StoredRecord;
import io.lethe.storage.Subject;
import io.lethe.storage.SubjectSummary;
import io.lethe.storage.schema.FieldDef;
import io.lethe.storage.schema.RecordType;
import io.lethe.storage.schema.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Subjects and records through the API: permission check, the change and its audit event in one
 * transaction, a read's event committed (shared with concurrent reads) before its data leaves,
 * and an audit event of its own for every refused attempt.
 */
@Service
class PersonalDataService {

  private static final Logger LOG = LoggerFactory.getLogger(PersonalDataService.class);

  private final PersonalDataStore store;
  private final Schema schema;
  private final Transactions transactions;
  private final AuditTrail audit;
  private final Caller caller;
  private final HoldGuard holds;
  private final SubjectRequests requests;
  private final SubjectWrites writes;
  private final Erasures erasures;
  private final LifecycleScheduler scheduler;

  PersonalDataService(PersonalDataStore store, Schema schema, Transactions transactions,
      AuditTrail audit, Caller caller, HoldGuard holds, SubjectRequests requests,
      SubjectWrites writes, Erasures erasures, LifecycleScheduler scheduler) {
    this.writes = writes;
    this.holds = holds;
    this.requests = requests;
    this.erasures = erasures;
    this.scheduler = scheduler;
    this.store = store;
    this.schema = schema;
    this.transactions = transactions;
    this.audit = audit;
    this.caller = caller;
  }

  Subject createSubject() {
    return audit.guarded(audit.event("subject.create", Outcome.FAILURE), () -> {
      caller.require("subjects:create");
      return transactions.inTransaction(c -> {
        Subject subject = store.createSubject(c);
        audit.record(c, audit.event("subject.create", Outcome.SUCCESS).subject(subject.id()).build());
        return subject;
      });
    });
  }

  /** Permission {@code subjects:read}. */
  SubjectSummary describeSubject(UUID subjectId) {
    return audit.guarded(audit.event("subject.read", Outcome.FAILURE).subject(subjectId), () -> {
      caller.require("subjects:read");
      SubjectSummary summary = transactions.inTransaction(c -> store.describeSubject(c,
          subjectId));
      audit.recordAccess(audit.event("subject.read", Outcome.SUCCESS).subject(subjectId).build());
      return summary;
    });
  }

  /**
   * Suspends (the account is frozen: nothing of it is read or written) or resumes a subject,
   * permission {@code subjects:suspend}.
   */
  Subject suspend(UUID subjectId, boolean suspend) {
    String action = suspend ? "subject.suspend" : "subject.resume";
    return audit.guarded(audit.event(action, Outcome.FAILURE).subject(subjectId), () -> {
      caller.require("subjects:suspend");
      return transactions.inTransaction(c -> {
        Subject subject = suspend ? store.suspendSubject(c, subjectId)
            : store.resumeSubject(c, subjectId);
        audit.record(c, audit.event(action, Outcome.SUCCESS).subject(subjectId).build());
        return subject;
      });
    });
  }

  /**
   * Erasure, permission {@code subjects:erase}: refused while a legal hold applies; otherwise the
   * request is recorded (with its audit event) and the {@code erasure} job fired, which destroys
   * the subject key first and then purges rows and objects (ADR 0015). Asking again while it is
   * pending returns the same request.
   */
  SubjectRequest erase(UUID subjectId) {
    AuditEvent.Builder failure = audit.event("subject.erase", Outcome.FAILURE).subject(subjectId);
    SubjectRequest accepted = audit.guarded(failure, () -> {
      caller.require("subjects:erase");
      return transactions.inTransaction(c -> {
        holds.subjectNotHeld(c, subjectId);
        SubjectSummary subject = store.describeSubject(c, subjectId);
        java.util.Optional<Erasure> pending = erasures.find(c, subjectId);
        if (pending.isPresent()) {
          return requests.find(c, pending.get().requestId()).orElseThrow();
        }
        if (subject.status() == io.lethe.storage.SubjectStatus.ERASED) {
          throw new StorageException(io.lethe.storage.StorageErrorCode.SUBJECT_ERASED,
              "subject " + subjectId + " was already erased");
        }
        // RECEIVED, audited as request.received; the job moves it on (ADR 0015).
        SubjectRequest request = requests.receive(c, subjectId, RequestKind.ERASURE,
            caller.principal().name());
        erasures.request(c, subjectId, request.id(), caller.principal().name(),
            request.createdAt());
        return request;
      });
    });
    try {
      scheduler.runNow(ErasureJob.NAME, false);
    } catch (LifecycleException e) {
      // Recorded all the same: the job's schedule takes every pending erasure up.
      LOG.warn("the erasure job could not be fired now ({}); its schedule will run it", e.code());
    }
    return accepted;
  }

  /** A subject request's state; permission {@code subjects:read}. */
  java.util.Optional<SubjectRequest> request(UUID requestId) {
    caller.require("subjects:read");
    return transactions.inTransaction(c -> requests.find(c, requestId));
  }

  StoredRecord createRecord(UUID subjectId, String type, Map<String, String> fields) {
    AuditEvent.Builder failure = audit.event("record.create", Outcome.FAILURE).subject(subjectId)
        .record(null, type).fields(new ArrayList<>(new TreeSet<>(fields.keySet())));
    return audit.guarded(failure, () -> {
      caller.require("records:create:" + type);
      return transactions.inTransaction(c -> {
        StoredRecord record = store.createRecord(c, subjectId, type, fields);
        audit.record(c, audit.event("record.create", Outcome.SUCCESS).subject(subjectId)
            .record(record.id(), type).fields(new ArrayList<>(new TreeSet<>(fields.keySet())))
            .build());
        return record;
      });
    });
  }

  /**
   * Reads a record for a purpose. Fields are returned only where the caller holds
   * {@code records:read:<category>:<purpose>} (and {@code records:read-plain:<category>} for a
   * plain view); a caller who may see none of them is refused.
   */
  RecordView readRecord(UUID recordId, String purpose, boolean plain) {
    String action = plain ? "record.read-plain" : "record.read";
    AuditEvent.Builder failure = audit.event(action, Outcome.FAILURE).purpose(purpose)
        .record(recordId, null);
    return audit.guarded(failure, () -> {
      RecordView view = transactions.inTransaction(c -> {
        StatisticsPurposeException.refuseOnPersonalData(purpose);
        caller.requireAny("records:read:<category>:" + purpose, categories().stream()
            .map(category -> "records:read:" + category + ":" + purpose).toList());
        return permitted(store.readRecord(c, recordId, purpose, plain), purpose, plain);
      });
      // Committed before the data leaves: if the outbox fails, the read fails.
      audit.recordAccess(audit.event(action, Outcome.SUCCESS).purpose(purpose)
          .subject(view.subjectId()).record(view.id(), view.type())
          .fields(new ArrayList<>(view.fields().keySet())).build());
      return view;
    });
  }

  /**
   * Finds records by a searchable field without decrypting anything. The purpose must open the
   * field in the schema, and the caller needs {@code records:lookup:<category>:<purpose>}.
   */
  List<IndexHit> lookup(String type, String field, String value, String purpose) {
    AuditEvent.Builder failure = audit.event("record.lookup", Outcome.FAILURE).purpose(purpose)
        .record(null, type).fields(List.of(field));
    return audit.guarded(failure, () -> {
      StatisticsPurposeException.refuseOnPersonalData(purpose);
      FieldDef def = schema.recordType(type).flatMap(t -> t.field(field)).orElse(null);
      if (def != null) {
        if (!schema.hasPurpose(purpose)) {
          throw new StorageException(io.lethe.storage.StorageErrorCode.PURPOSE_UNKNOWN,
              "purpose '" + purpose + "' is not declared in the schema");
        }
        if (!def.readableFor(purpose)) {
          throw new AccessDeniedException("records:lookup:" + def.category().yamlName() + ":"
              + purpose + " (the schema does not open '" + field + "' to this purpose)");
        }
        caller.require("records:lookup:" + def.category().yamlName() + ":" + purpose);
      }
      List<IndexHit> hits = transactions.inTransaction(c -> store.findByBlindIndex(c, type,
          field, value));
      audit.recordAccess(audit.event("record.lookup", Outcome.SUCCESS).purpose(purpose)
          .record(null, type).fields(List.of(field)).build());
      return hits;
    });
  }

  /** A correction: permission {@code records:update:<type>}; the record keeps its id. */
  RecordChange correct(UUID recordId, Map<String, String> fields, String purpose) {
    AuditEvent.Builder failure = audit.event("record.update", Outcome.FAILURE).purpose(purpose)
        .record(recordId, null).fields(new ArrayList<>(new TreeSet<>(fields.keySet())));
    return audit.guarded(failure, () -> transactions.inTransaction(c -> {
      StatisticsPurposeException.refuseOnPersonalData(purpose);
      caller.requireAny("records:update:<type>", schema.recordTypes().keySet().stream()
          .map(type -> "records:update:" + type).toList());
      RecordChange change = store.updateFields(c, recordId, fields);
      // Checked once the type is known; the rollback undoes the change if it is refused.
      caller.require("records:update:" + change.type());
      audit.record(c, audit.event("record.update", Outcome.SUCCESS).purpose(purpose)
          .subject(change.subjectId()).record(recordId, change.type())
          .fields(new ArrayList<>(change.fields())).build());
      return change;
    }));
  }

  /** Deletes one record now: permission {@code records:delete:<type>}. */
  RecordChange delete(UUID recordId) {
    AuditEvent.Builder failure = audit.event("record.delete", Outcome.FAILURE).record(recordId, null);
    return audit.guarded(failure, () -> transactions.inTransaction(c -> {
      caller.requireAny("records:delete:<type>", schema.recordTypes().keySet().stream()
          .map(type -> "records:delete:" + type).toList());
      holds.recordNotHeld(c, recordId);
      RecordChange change = store.deleteRecord(c, recordId);
      caller.require("records:delete:" + change.type());
      // The store deletes whatever the status (retention must); the API does not (rollback).
      writes.requireWritable(c, change.subjectId());
      audit.record(c, audit.event("record.delete", Outcome.SUCCESS).subject(change.subjectId())
          .record(recordId, change.type()).fields(new ArrayList<>(change.fields())).build());
      return change;
    }));
  }

  private static List<String> categories() {
    return java.util.Arrays.stream(io.lethe.storage.schema.Category.values())
        .map(io.lethe.storage.schema.Category::yamlName).toList();
  }

  private RecordView permitted(RecordView view, String purpose, boolean plain) {
    RecordType type = schema.recordType(view.type()).orElseThrow();
    Map<String, String> allowed = new LinkedHashMap<>();
    Set<String> withheld = new TreeSet<>(view.withheldFields());
    List<String> missing = new ArrayList<>();
    view.fields().forEach((name, value) -> {
      String category = type.field(name).map(FieldDef::category).orElseThrow().yamlName();
      String read = "records:read:" + category + ":" + purpose;
      String readPlain = "records:read-plain:" + category;
      if (caller.isPermitted(read) && (!plain || caller.isPermitted(readPlain))) {
        allowed.put(name, value);
      } else {
        withheld.add(name);
        missing.add(plain && caller.isPermitted(read) ? readPlain : read);
      }
    });
    if (allowed.isEmpty() && !view.fields().isEmpty()) {
      throw new AccessDeniedException(missing.get(0));
    }
    return new RecordView(view.id(), view.subjectId(), view.type(), allowed, withheld,
        view.createdAt(), view.expiresAt(), view.policyVersion());
  }

}
