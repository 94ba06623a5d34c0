package io.lethe.server.api;

import io.lethe.server.problem.BadRequestException;
import io.lethe.storage.RecordView;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
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
        record.fields(), record.withheldFields(), record.createdAt());
  }
}
