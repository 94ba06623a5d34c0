package io.lethe.server.api;

import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.lifecycle.holds.HoldRequest;
import io.lethe.lifecycle.holds.LegalHold;
import io.lethe.lifecycle.holds.LegalHolds;
import io.lethe.server.audit.AuditTrail;
import io.lethe.server.db.Transactions;
import io.lethe.server.problem.BadRequestException;
import io.lethe.server.security.Caller;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Legal holds: while one applies, nothing it covers is deleted or anonymized by any job or
 * request. Placing and releasing are audited by the holds library in the same transaction.
 */
@RestController
@RequestMapping(path = "/v1/holds", produces = "application/json")
class HoldsController {

  private final LegalHolds holds;
  private final Transactions transactions;
  private final AuditTrail audit;
  private final Caller caller;

  HoldsController(LegalHolds holds, Transactions transactions, AuditTrail audit, Caller caller) {
    this.holds = holds;
    this.transactions = transactions;
    this.audit = audit;
    this.caller = caller;
  }

  /** {@code {"subjectId" or "recordId","reason","caseRef","until"?}}; permission holds:manage. */
  @PostMapping(consumes = "application/json")
  ResponseEntity<LegalHold> place(@RequestBody PlaceHold body) {
    caller.require("holds:manage");
    if (body == null || (body.subjectId() == null) == (body.recordId() == null)) {
      throw new BadRequestException("Name exactly one of 'subjectId' or 'recordId'.");
    }
    String by = caller.principal().name();
    HoldRequest request = body.subjectId() != null
        ? HoldRequest.onSubject(body.subjectId(), body.reason(), body.caseRef(), by,
            Optional.ofNullable(body.until()))
        : HoldRequest.onRecord(body.recordId(), body.reason(), body.caseRef(), by,
            Optional.ofNullable(body.until()));
    LegalHold hold = transactions.inTransaction(c -> holds.place(c, request));
    return ResponseEntity.created(URI.create("/v1/holds/" + hold.id())).body(hold);
  }

  /** Active holds; permission holds:manage. */
  @GetMapping
  List<LegalHold> active() {
    caller.require("holds:manage");
    List<LegalHold> active = transactions.inTransaction(holds::listActive);
    audit.recordAlone(audit.event("hold.list", Outcome.SUCCESS).category("configuration").build());
    return active;
  }

  /** Releases a hold; the covered data becomes eligible again. Permission holds:manage. */
  @DeleteMapping("/{id}")
  LegalHold release(@PathVariable UUID id) {
    caller.require("holds:manage");
    return transactions.inTransaction(c -> holds.release(c, id, caller.principal().name()));
  }

  record PlaceHold(UUID subjectId, UUID recordId, String reason, String caseRef, Instant until) {}
}
