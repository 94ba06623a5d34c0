package io.lethe.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lethe.lifecycle.requests.SubjectRequest;
import io.lethe.server.problem.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Subject requests by id. */
@RestController
class RequestsController {

  private final PersonalDataService service;

  RequestsController(PersonalDataService service) {
    this.service = service;
  }

  /** Permission {@code subjects:read}. */
  @GetMapping(path = "/v1/requests/{id}", produces = "application/json")
  RequestView request(@PathVariable UUID id) {
    return service.request(id).map(RequestView::of)
        .orElseThrow(() -> new NotFoundException("No request " + id + "."));
  }

  /**
   * The API form: kind in lower case, the retention-policy version in force when the request was
   * received (null for one received before versions were recorded), every status the request
   * entered, oldest first.
   */
  record RequestView(UUID id, UUID subjectId, String kind, String status, String requestedBy,
      Instant createdAt, Instant finishedAt,
      @JsonInclude(JsonInclude.Include.ALWAYS) String policyVersion, List<StepView> history) {

    static RequestView of(SubjectRequest r) {
      return new RequestView(r.id(), r.subjectId(), r.kind().code(), r.status().name(),
          r.requestedBy(), r.createdAt(), r.finishedAt().orElse(null),
          r.policyVersion().orElse(null),
          r.history().stream().map(s -> new StepView(s.status().name(), s.at())).toList());
    }
  }

  record StepView(String status, Instant at) {}
}
