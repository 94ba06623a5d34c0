package io.lethe.server.api;

import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A subject's own copy of their data, as a zip streamed to the caller (ADR 0011). */
@RestController
class SubjectExportController {

  static final MediaType ZIP = MediaType.parseMediaType("application/zip");

  private final SubjectExports exports;

  SubjectExportController(SubjectExports exports) {
    this.exports = exports;
  }

  /**
   * Permission {@code subjects:export}; purpose {@code data-subject-request} or
   * {@code legal-obligation}. Every check runs, and the request is on record, before the status
   * line is sent; the header {@code Lethe-Request-Id} names the request to follow.
   */
  @GetMapping("/v1/subjects/{id}/export")
  ResponseEntity<StreamingResponseBody> export(@PathVariable UUID id,
      @RequestParam String purpose) {
    SubjectExports.Prepared prepared = exports.prepare(id, purpose);
    StreamingResponseBody body = out -> exports.write(prepared, out);
    return ResponseEntity.ok().contentType(ZIP)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("subject-" + id + ".zip").build().toString())
        .header("Lethe-Request-Id", prepared.requestId().toString())
        .body(body);
  }
}
