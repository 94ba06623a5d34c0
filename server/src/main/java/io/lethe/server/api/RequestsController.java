package io.lethe.server.api;

import io.lethe.server.problem.NotFoundException;
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
  SubjectRequests.SubjectRequest request(@PathVariable UUID id) {
    return service.request(id).orElseThrow(() -> new NotFoundException("No request " + id + "."));
  }
}
