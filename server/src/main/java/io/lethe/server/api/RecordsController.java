package io.lethe.server.api;

import io.lethe.server.problem.BadRequestException;
import io.lethe.storage.RecordView;
import java.util.UUID;
import io.lethe.storage.RecordChange;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Records by id; every read names its purpose. */
@RestController
@RequestMapping(path = "/v1/records", produces = "application/json")
class RecordsController {

  private final PersonalDataService service;

  RecordsController(PersonalDataService service) {
    this.service = service;
  }

  /** Blind-index lookup: matching record and subject ids, nothing decrypted. */
  @GetMapping
  LookupResponse lookup(@RequestParam String type, @RequestParam String field,
      @RequestParam String value, @RequestParam String purpose) {
    return new LookupResponse(service.lookup(type, field, value, purpose).stream()
        .map(h -> new LookupResponse.Match(h.recordId(), h.subjectId())).toList());
  }

  /** A correction of some fields; permission {@code records:update:<type>}. */
  @PatchMapping(path = "/{id}", consumes = "application/json")
  RecordChanged correct(@PathVariable UUID id, @RequestParam String purpose,
      @RequestBody CorrectRecordRequest request) {
    request.validate();
    RecordChange change = service.correct(id, request.fields(), purpose);
    return new RecordChanged(change.recordId(), change.type(), change.fields(), change.changedAt());
  }

  /** Deletes one record now; permission {@code records:delete:<type>}. */
  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable UUID id) {
    service.delete(id);
    return ResponseEntity.noContent().build();
  }

  /**
   * Masked unless {@code view=plain}. Permission {@code records:read:<category>:<purpose>} per
   * field category, plus {@code records:read-plain:<category>} for a plain view.
   */
  @GetMapping("/{id}")
  RecordResponse read(@PathVariable UUID id, @RequestParam String purpose,
      @RequestParam(defaultValue = "masked") String view) {
    if (!view.equals("masked") && !view.equals("plain")) {
      throw new BadRequestException("The parameter 'view' must be 'masked' or 'plain'.");
    }
    RecordView record = service.readRecord(id, purpose, view.equals("plain"));
    return new RecordResponse(record.id(), record.subjectId(), record.type(), view,
        record.fields(), record.withheldFields(), record.createdAt(),
        record.expiresAt().orElse(null), record.policyVersion().orElse(null));
  }
}
