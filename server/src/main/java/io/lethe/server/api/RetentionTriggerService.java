package io.lethe.server.api;

import io.lethe.audit.AuditEvent;
import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.lifecycle.triggers.Closure;
import io.lethe.lifecycle.triggers.Fulfilment;
import io.lethe.lifecycle.triggers.RetentionTriggers;
import io.lethe.server.audit.AuditTrail;
import io.lethe.server.db.Transactions;
import io.lethe.server.security.Caller;
import io.lethe.storage.schema.Schema;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The retention triggers through the API (ADR 0017): closing and reopening an account, and the
 * end of a record's purpose. Each change and its audit event commit together; a refused
 * attempt is audited on its own.
 */
@Service
class RetentionTriggerService {

  private final RetentionTriggers triggers;
  private final Schema schema;
  private final Transactions transactions;
  private final AuditTrail audit;
  private final Caller caller;
  private final Clock clock = Clock.systemUTC();

  RetentionTriggerService(RetentionTriggers triggers, Schema schema, Transactions transactions,
      AuditTrail audit, Caller caller) {
    this.triggers = triggers;
    this.schema = schema;
    this.transactions = transactions;
    this.audit = audit;
    this.caller = caller;
  }

  /** Closes ({@code subject.close}) or reopens ({@code subject.reopen}); {@code subjects:close}. */
  Closure closure(UUID subjectId, boolean close) {
    String action = close ? "subject.close" : "subject.reopen";
    return audit.guarded(audit.event(action, Outcome.FAILURE).subject(subjectId), () -> {
      caller.require("subjects:close");
      return transactions.inTransaction(c -> {
        Closure closure = close ? triggers.close(c, subjectId, clock.instant())
            : triggers.reopen(c, subjectId);
        audit.record(c, audit.event(action, Outcome.SUCCESS).subject(subjectId).build());
        return closure;
      });
    });
  }

  /** The record's purpose is fulfilled now; permission {@code records:fulfil:<type>}. */
  Fulfilment fulfil(UUID recordId) {
    AuditEvent.Builder failure = audit.event("record.purpose-fulfilled", Outcome.FAILURE)
        .record(recordId, null);
    return audit.guarded(failure, () -> transactions.inTransaction(c -> {
      // Before the lookup, so a caller without any such permission learns nothing of the id.
      caller.requireAny("records:fulfil:<type>", schema.recordTypes().keySet().stream()
          .map(type -> "records:fulfil:" + type).toList());
      Fulfilment done = triggers.purposeFulfilled(c, recordId, clock.instant());
      // Checked once the type is known; the rollback undoes the change if it is refused.
      caller.require("records:fulfil:" + done.type());
      audit.record(c, audit.event("record.purpose-fulfilled", Outcome.SUCCESS)
          .subject(done.subjectId()).record(recordId, done.type()).build());
      return done;
    }));
  }
}
