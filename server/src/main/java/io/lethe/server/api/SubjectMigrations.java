package io.lethe.server.api;

import io.lethe.audit.AuditEvent;
import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.lifecycle.requests.RequestKind;
import io.lethe.lifecycle.requests.RequestStatus;
import io.lethe.lifecycle.requests.SubjectRequest;
import io.lethe.lifecycle.requests.SubjectRequests;
import io.lethe.server.audit.AuditTrail;
import io.lethe.server.db.Transactions;
import io.lethe.server.security.Caller;
import io.lethe.storage.PersonalDataStore;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Moves a subject under another KEK (ADR 0011), permission {@code subjects:migrate}: the request,
 * the new wrapped key and the audit event in one transaction, so a failure leaves nothing moved
 * and nothing on record but the refused attempt. A legal hold does not block it: nothing is
 * deleted.
 */
@Service
class SubjectMigrations {

  private final PersonalDataStore store;
  private final SubjectRequests requests;
  private final Transactions transactions;
  private final AuditTrail audit;
  private final Caller caller;

  SubjectMigrations(PersonalDataStore store, SubjectRequests requests, Transactions transactions,
      AuditTrail audit, Caller caller) {
    this.store = store;
    this.requests = requests;
    this.transactions = transactions;
    this.audit = audit;
    this.caller = caller;
  }

  SubjectRequest migrate(UUID subjectId, String kek) {
    AuditEvent.Builder failure = audit.event("subject.migrate", Outcome.FAILURE)
        .subject(subjectId);
    return audit.guarded(failure, () -> {
      caller.require("subjects:migrate");
      return transactions.inTransaction(c -> {
        UUID request = requests.receive(c, subjectId, RequestKind.MIGRATION,
            caller.principal().name()).id();
        requests.transition(c, request, RequestStatus.RUNNING);
        store.migrateSubjectKey(c, subjectId, kek);
        audit.record(c, audit.event("subject.migrate", Outcome.SUCCESS).subject(subjectId)
            .jobRun(request).build());
        return requests.transition(c, request, RequestStatus.DONE);
      });
    });
  }
}
