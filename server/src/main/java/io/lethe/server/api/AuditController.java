package io.lethe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.audit.AuditEvent;
import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.audit.chain.VerificationResult;
import io.lethe.audit.search.AuditCounts;
import io.lethe.audit.search.AuditPage;
import io.lethe.audit.search.AuditQuery;
import io.lethe.audit.search.TouchedSubject;
import io.lethe.server.audit.AuditQueries;
import io.lethe.server.audit.AuditTrail;
import io.lethe.server.problem.BadRequestException;
import io.lethe.server.security.Caller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The audit trail for incident responders. Every search, report and verification is itself an
 * audit event, written before the answer leaves.
 */
@RestController
@RequestMapping(path = "/v1/audit", produces = "application/json")
class AuditController {

  private final AuditQueries queries;
  private final AuditTrail audit;
  private final Caller caller;

  AuditController(AuditQueries queries, AuditTrail audit, Caller caller) {
    this.queries = queries;
    this.audit = audit;
    this.caller = caller;
  }

  /** Permission {@code audit:search}. Times are ISO-8601 instants; pages of up to 1,000. */
  @GetMapping("/events")
  AuditEventsResponse events(@RequestParam(required = false) String subjectId,
      @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
      @RequestParam(required = false) String outcome, @RequestParam(required = false) String purpose,
      @RequestParam(required = false) String recordType,
      @RequestParam(required = false) String objectId,
      @RequestParam(required = false) String requestId,
      @RequestParam(required = false) String sourceIp,
      @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
      @RequestParam(defaultValue = "100") int size, @RequestParam(required = false) String after) {
    caller.require("audit:search");
    AuditQuery query = query(() -> new AuditQuery(subjectId, actor, action, outcome, purpose,
        recordType, objectId, requestId, sourceIp, from, to, size, after));
    AuditPage page = query(() -> queries.search().search(query));
    recordAccess("audit.search", subjectId);
    return new AuditEventsResponse(page.events().stream().map(AuditController::plain).toList(),
        page.next().orElse(null), page.total());
  }

  /** Permission {@code audit:search}: counts by actor, action and day for the same filters. */
  @GetMapping("/counts")
  AuditCounts counts(@RequestParam(required = false) String subjectId,
      @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
      @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
    caller.require("audit:search");
    AuditQuery query = query(() -> new AuditQuery(subjectId, actor, action, null, null, null,
        null, null, null, from, to, 1, null));
    AuditCounts counts = queries.search().counts(query);
    recordAccess("audit.search", subjectId);
    return counts;
  }

  /**
   * The incident report, permission {@code audit:export}: every subject whose data an actor (or
   * a source address) touched in [from, to), to tell the people concerned.
   */
  @GetMapping(path = "/touched-subjects", produces = "text/csv")
  org.springframework.http.ResponseEntity<String> touchedSubjectsCsv(
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String sourceIp, @RequestParam Instant from,
      @RequestParam Instant to) {
    TouchedSubjectsResponse report = touchedSubjects(actor, sourceIp, from, to);
    StringBuilder csv = new StringBuilder("subject_id,accesses,first_access,last_access\r\n");
    report.subjects().forEach(s -> csv.append(s.subjectId()).append(',').append(s.accesses())
        .append(',').append(s.firstAccess()).append(',').append(s.lastAccess()).append("\r\n"));
    return org.springframework.http.ResponseEntity.ok()
        .contentType(org.springframework.http.MediaType.parseMediaType("text/csv;charset=UTF-8"))
        .body(csv.toString());
  }

  @GetMapping("/touched-subjects")
  TouchedSubjectsResponse touchedSubjects(@RequestParam(required = false) String actor,
      @RequestParam(required = false) String sourceIp, @RequestParam Instant from,
      @RequestParam Instant to) {
    caller.require("audit:export");
    if ((actor == null) == (sourceIp == null)) {
      throw new BadRequestException("Name exactly one of 'actor' or 'sourceIp'.");
    }
    if (!from.isBefore(to)) {
      throw new BadRequestException("'from' must be before 'to'.");
    }
    List<TouchedSubject> subjects = new ArrayList<>();
    queries.search().touchedSubjects(actor, sourceIp, from, to, subjects::add);
    recordAccess("audit.export", null);
    return new TouchedSubjectsResponse(actor, sourceIp, from, to, subjects);
  }

  /**
   * Streams every matching event, permission {@code audit:export}: {@code format=jsonl} (one
   * JSON document a line) or {@code csv}. The export is on record before the first byte leaves.
   */
  @GetMapping(path = "/export", produces = {"application/x-ndjson", "text/csv"})
  org.springframework.http.ResponseEntity<StreamingResponseBody> export(
      @RequestParam(defaultValue = "jsonl") String format,
      @RequestParam(required = false) String subjectId,
      @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
      @RequestParam(required = false) String outcome,
      @RequestParam(required = false) String purpose,
      @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
    caller.require("audit:export");
    if (!format.equals("jsonl") && !format.equals("csv")) {
      throw new BadRequestException("The parameter 'format' must be 'jsonl' or 'csv'.");
    }
    AuditQuery query = query(() -> new AuditQuery(subjectId, actor, action, outcome, purpose,
        null, null, null, null, from, to, AuditQuery.MAX_SIZE, null));
    var search = queries.search();
    recordAccess("audit.export", subjectId);
    boolean csv = format.equals("csv");
    StreamingResponseBody body = out -> {
      var writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out,
          java.nio.charset.StandardCharsets.UTF_8));
      if (csv) {
        writer.write(AuditCsv.header());
      }
      search.forEach(query, event -> {
        try {
          writer.write(csv ? AuditCsv.row(event) : event.toString() + "\n");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      writer.flush();
    };
    return org.springframework.http.ResponseEntity.ok()
        .contentType(org.springframework.http.MediaType.parseMediaType(
            csv ? "text/csv;charset=UTF-8" : "application/x-ndjson"))
        .header("Content-Disposition", "attachment; filename=\"lethe-audit." + format + "\"")
        .body(body);
  }

  /** Permission {@code audit:verify}: walks the trail against the signed checkpoints. */
  @org.springframework.web.bind.annotation.PostMapping("/verify")
  VerifyResponse verify() {
    caller.require("audit:verify");
    VerificationResult result = queries.verify();
    recordAccess("audit.verify", null);
    return VerifyResponse.of(result);
  }

  private void recordAccess(String action, String subjectId) {
    AuditEvent.Builder event = audit.event(action, Outcome.SUCCESS).category("database");
    if (subjectId != null) {
      event.subject(parseUuidOrNull(subjectId));
    }
    // Fail closed: the answer leaves only once its event is committed.
    audit.recordAccess(event.build());
  }

  private static UUID parseUuidOrNull(String s) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static <T> T query(java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
  }

  /**
   * The audit library speaks Jackson 2 and this server's HTTP layer Jackson 3, which would
   * serialize a Jackson 2 tree as a bean; plain maps cross the boundary intact.
   */
  @SuppressWarnings("unchecked")
  private static java.util.Map<String, Object> plain(JsonNode event) {
    return JACKSON2.convertValue(event, java.util.Map.class);
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JACKSON2 =
      new com.fasterxml.jackson.databind.ObjectMapper();

  record AuditEventsResponse(List<java.util.Map<String, Object>> events, String next, long total) {}

  record TouchedSubjectsResponse(String actor, String sourceIp, Instant from, Instant to,
      List<TouchedSubject> subjects) {}

  record VerifyResponse(String status, Long events, Long lastSignedSeq, Long unsignedTail,
      Long seq, Long from, Long to, String reason) {
    static VerifyResponse of(VerificationResult r) {
      // Java 17 has no pattern switch; the sealed interface has exactly these three cases.
      if (r instanceof VerificationResult.Intact i) {
        return new VerifyResponse("intact", i.events(), i.lastSignedSeq(), i.unsignedTail(),
            null, null, null, null);
      }
      if (r instanceof VerificationResult.Broken b) {
        return new VerifyResponse("broken", null, null, null, b.seq(), null, null, b.reason());
      }
      VerificationResult.Gap g = (VerificationResult.Gap) r;
      return new VerifyResponse("gap", null, null, null, null, g.from(), g.to(), null);
    }
  }
}
