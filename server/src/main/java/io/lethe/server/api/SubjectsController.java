package io.lethe.server.api;

import io.lethe.storage.StoredRecord;
import io.lethe.storage.Subject;
import io.lethe.storage.SubjectSummary;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The people data is about, and the records stored about them. */
@RestController
@RequestMapping(path = "/v1/subjects", produces = "application/json")
class SubjectsController {

  private final PersonalDataService service;
  private final SubjectMigrations migrations;

  SubjectsController(PersonalDataService service, SubjectMigrations migrations) {
    this.service = service;
    this.migrations = migrations;
  }

  /** Permission {@code subjects:create}. */
  @PostMapping
  ResponseEntity<SubjectCreated> create() {
    Subject subject = service.createSubject();
    return ResponseEntity.created(URI.create("/v1/subjects/" + subject.id()))
        .body(new SubjectCreated(subject.id(), subject.status().name()));
  }

  /** Status, dates, policy version and counts; permission {@code subjects:read}. */
  @GetMapping("/{id}")
  SubjectSummary describe(@PathVariable UUID id) {
    return service.describeSubject(id);
  }

  /** Suspends the account; permission {@code subjects:suspend}. */
  @PostMapping("/{id}/suspension")
  SubjectCreated suspend(@PathVariable UUID id) {
    Subject s = service.suspend(id, true);
    return new SubjectCreated(s.id(), s.status().name());
  }

  /** Resumes a suspended account; permission {@code subjects:suspend}. */
  @DeleteMapping("/{id}/suspension")
  SubjectCreated resume(@PathVariable UUID id) {
    Subject s = service.suspend(id, false);
    return new SubjectCreated(s.id(), s.status().name());
  }

  /** Erasure → 202 {"requestId"}; 409 with the hold's reason while held. */
  @Operation(summary = "Request a subject's erasure", description = "Permission subjects:erase."
      + " Records the request and fires the erasure job: the subject key is destroyed first,"
      + " then records and objects are purged in batches. 202 {\"requestId\"} (the same if"
      + " asked again), followed at /v1/requests/{id}; 409 lifecycle.held while a hold applies.")
  @PostMapping("/{id}/erasure")
  ResponseEntity<java.util.Map<String, Object>> erase(@PathVariable UUID id) {
    io.lethe.lifecycle.requests.SubjectRequest request = service.erase(id);
    return ResponseEntity.accepted().body(java.util.Map.of("requestId", request.id(),
        "status", request.status().name()));
  }

  /**
   * Moves the subject under the named KEK (another tenant or region): its key is rewrapped, no
   * data re-encrypted (ADR 0011); permission {@code subjects:migrate}. Allowed while held.
   */
  @PostMapping(path = "/{id}/migration", consumes = "application/json")
  java.util.Map<String, Object> migrate(@PathVariable UUID id,
      @RequestBody MigrationRequest request) {
    request.validate();
    io.lethe.lifecycle.requests.SubjectRequest done = migrations.migrate(id, request.kek());
    return java.util.Map.of("requestId", done.id(), "status", done.status().name(),
        "kek", request.kek());
  }

  /** Permission {@code records:create:<type>}. */
  @PostMapping(path = "/{id}/records", consumes = "application/json")
  ResponseEntity<RecordCreated> createRecord(@PathVariable UUID id,
      @RequestBody CreateRecordRequest request) {
    request.validate();
    StoredRecord record = service.createRecord(id, request.type(), request.fields());
    return ResponseEntity.created(URI.create("/v1/records/" + record.id()))
        .body(new RecordCreated(record.id(), record.type(),
            record.expiresAt().orElse(null), record.policyVersion().orElse(null)));
  }
}
