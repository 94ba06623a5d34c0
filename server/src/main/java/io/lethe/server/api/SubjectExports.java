package io.lethe.server.api;

import io.lethe.audit.AuditEvent;
import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.lifecycle.requests.RequestKind;
import io.lethe.lifecycle.requests.RequestStatus;
import io.lethe.lifecycle.requests.SubjectRequests;
import io.lethe.server.audit.AuditTrail;
import io.lethe.server.db.Transactions;
import io.lethe.server.problem.ApiErrorCode;
import io.lethe.server.problem.ApiProblemException;
import io.lethe.server.security.Caller;
import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.RecordView;
import io.lethe.storage.SubjectStatus;
import io.lethe.storage.SubjectSummary;
import io.lethe.storage.objects.ObjectContent;
import io.lethe.storage.objects.ObjectStore;
import io.lethe.storage.objects.StoredObject;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A subject's export (ADR 0011): permission {@code subjects:export}, for the purpose
 * {@code data-subject-request} or {@code legal-obligation} only. Everything is checked, read
 * and put on record (request RUNNING, audit events) before the first byte leaves; objects then
 * stream from the bucket into the zip one after another, and the request ends DONE or FAILED.
 */
@Service
class SubjectExports {

  /** The purposes an export may be made for. */
  static final Set<String> PURPOSES = Set.of("data-subject-request",
      SubjectStatus.LEGAL_OBLIGATION);

  private static final Logger log = LoggerFactory.getLogger(SubjectExports.class);

  private final PersonalDataStore store;
  private final ObjectStore objects;
  private final SubjectRequests requests;
  private final Transactions transactions;
  private final AuditTrail audit;
  private final Caller caller;
  private final ExportZip zip;

  SubjectExports(PersonalDataStore store, ObjectStore objects, SubjectRequests requests,
      Transactions transactions, AuditTrail audit, Caller caller, ExportZip zip) {
    this.store = store;
    this.objects = objects;
    this.requests = requests;
    this.transactions = transactions;
    this.audit = audit;
    this.caller = caller;
    this.zip = zip;
  }

  /** What an export holds once opened: decrypted records in memory, objects still to stream. */
  record Prepared(UUID requestId, String purpose, SubjectSummary subject,
      List<RecordView> records, List<StoredObject> objects) {}

  /** Checks, reads the records, puts the request and the access on record; nothing streams yet. */
  Prepared prepare(UUID subjectId, String purpose) {
    AuditEvent.Builder failure = audit.event("subject.export", Outcome.FAILURE)
        .subject(subjectId).purpose(purpose);
    return audit.guarded(failure, () -> {
      caller.require("subjects:export");
      if (!PURPOSES.contains(purpose)) {
        throw new ApiProblemException(ApiErrorCode.PURPOSE_NOT_ALLOWED, "An export is made for"
            + " the purpose data-subject-request or legal-obligation only.");
      }
      return transactions.inTransaction(c -> {
        SubjectSummary subject = store.describeSubject(c, subjectId);
        List<RecordView> records = store.readAllRecords(c, subjectId, purpose);
        List<StoredObject> stored = objects.list(c, subjectId, purpose);
        UUID request = requests.receive(c, subjectId, RequestKind.EXPORT,
            caller.principal().name()).id();
        requests.transition(c, request, RequestStatus.RUNNING);
        Set<String> fields = new TreeSet<>();
        records.forEach(r -> fields.addAll(r.fields().keySet()));
        // Written before the data leaves: if the outbox fails, nothing is exported.
        audit.record(c, audit.event("subject.export", Outcome.SUCCESS).subject(subjectId)
            .purpose(purpose).jobRun(request).fields(new ArrayList<>(fields)).build());
        for (StoredObject o : stored) {
          audit.record(c, audit.event("object.get", Outcome.SUCCESS).subject(subjectId)
              .object(o.id()).purpose(purpose).jobRun(request).build());
        }
        return new Prepared(request, purpose, subject, records, stored);
      });
    });
  }

  /**
   * Writes the zip; runs after the response started, outside the caller's request thread, so
   * it uses no caller state. Each object is opened in a short transaction and streamed.
   */
  void write(Prepared export, OutputStream out) throws IOException {
    try {
      zip.write(export, out, object -> transactions.inTransaction(c ->
          objects.get(c, object.id(), export.purpose())));
      transactions.inTransaction(c -> requests.transition(c, export.requestId(),
          RequestStatus.DONE));
    } catch (IOException | RuntimeException e) {
      log.warn("Export {} stopped before its end ({})", export.requestId(),
          e.getClass().getSimpleName());
      try {
        transactions.inTransaction(c -> requests.transition(c, export.requestId(),
            RequestStatus.FAILED, "export.interrupted"));
      } catch (RuntimeException recording) {
        e.addSuppressed(recording);
      }
      throw e;
    }
  }

  /** Opens one object's decrypted content. */
  @FunctionalInterface
  interface Opener {
    ObjectContent open(StoredObject object);
  }
}
