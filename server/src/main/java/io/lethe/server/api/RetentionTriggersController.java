package io.lethe.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lethe.lifecycle.triggers.Closure;
import io.lethe.lifecycle.triggers.Fulfilment;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The events a retention period counts from that happen after a record is written (ADR 0017). */
@RestController
class RetentionTriggersController {

  /** Response to a closure or reopening; closedAt is null once reopened. */
  record ClosureResponse(UUID id, @JsonInclude(JsonInclude.Include.ALWAYS) Instant closedAt,
      int recordsExpiring) {
    static ClosureResponse of(Closure c) {
      return new ClosureResponse(c.subjectId(), c.closedAt().orElse(null), c.recordsExpiring());
    }
  }

  /** Response to a fulfilment, with the policy version that computed the date. */
  record FulfilmentResponse(UUID id, Instant expiresAt, String policyVersion) {}

  private final RetentionTriggerService service;

  RetentionTriggersController(RetentionTriggerService service) {
    this.service = service;
  }

  @Operation(summary = "Close a subject's account", description = "Permission subjects:close."
      + " Starts the retention clock of the classes counted from subject-closed (default policy:"
      + " account-lifetime, deleted 30 days later); from now on the subject takes no new records,"
      + " corrections or objects (409 storage.subject.closed), and is still read. 200"
      + " {\"id\",\"closedAt\",\"recordsExpiring\"}; 409 lifecycle.closure.invalid if already"
      + " closed or erased; 404 lifecycle.trigger.target-not-found.")
  @PostMapping(path = "/v1/subjects/{id}/closure", produces = "application/json")
  ClosureResponse close(@PathVariable UUID id) {
    return ClosureResponse.of(service.closure(id, true));
  }

  @Operation(summary = "Reopen a closed account", description = "Permission subjects:close."
      + " Reverses a closure within its grace period: the account records lose their expiry;"
      + " records already deleted stay deleted. 200 {\"id\",\"closedAt\":null,"
      + "\"recordsExpiring\":0}; 409 lifecycle.closure.invalid if not closed.")
  @DeleteMapping(path = "/v1/subjects/{id}/closure", produces = "application/json")
  ClosureResponse reopen(@PathVariable UUID id) {
    return ClosureResponse.of(service.closure(id, false));
  }

  @Operation(summary = "Declare a record's purpose fulfilled", description = "Permission"
      + " records:fulfil:<type>. For a record whose retention class counts from"
      + " purpose-fulfilled (default policy: study-period, 7 days): it expires that long from"
      + " now, or earlier if an earlier fulfilment said so. 200 {\"id\",\"expiresAt\","
      + "\"policyVersion\"}; 409"
      + " lifecycle.trigger.not-applicable for another class or a record no longer ACTIVE.")
  @PostMapping(path = "/v1/records/{id}/fulfilment", produces = "application/json")
  FulfilmentResponse fulfil(@PathVariable UUID id) {
    Fulfilment done = service.fulfil(id);
    return new FulfilmentResponse(done.recordId(), done.expiresAt(),
        done.policyVersion().orElse(null));
  }
}
