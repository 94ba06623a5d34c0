package io.lethe.server.problem;

import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditException;
import io.lethe.server.db.DatabaseUnavailableException;
import io.lethe.server.security.AccessDeniedException;
import io.lethe.storage.StorageException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 7807 problem with a stable code. Framework messages are
 * replaced, because some of them quote the submitted value back.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
  private final io.lethe.server.audit.AuditTrail audit;

  ProblemAdvice(io.lethe.server.audit.AuditTrail audit) {
    this.audit = audit;
  }

  @ExceptionHandler(StorageException.class)
  ResponseEntity<ProblemDetail> storage(StorageException e, HttpServletRequest request) {
    var tooLarge = BodyTooLargeException.among(e);
    if (tooLarge.isPresent()) {
      return tooLarge(tooLarge.get(), request);
    }
    HttpStatus status = StorageErrors.status(e.code());
    if (status.is5xxServerError()) {
      log.error("Storage failure {} on {}", e.code().code(), request.getRequestURI(), e);
    }
    return respond(ProblemWriter.problem(status, StorageErrors.title(e.code()), e.code().code(),
        StorageErrors.detail(e), request));
  }

  @ExceptionHandler(io.lethe.lifecycle.LifecycleException.class)
  ResponseEntity<ProblemDetail> lifecycle(io.lethe.lifecycle.LifecycleException e,
      HttpServletRequest request) {
    HttpStatus status = LifecycleErrors.status(e.code());
    if (status.is5xxServerError()) {
      log.error("Lifecycle failure {} on {}", e.code().code(), request.getRequestURI(), e);
    }
    return respond(ProblemWriter.problem(status, status.getReasonPhrase(), e.code().code(),
        e.getMessage().replaceFirst("^" + java.util.regex.Pattern.quote(e.code().code()) + ":\\s*", ""),
        request));
  }

  @ExceptionHandler(HeldException.class)
  ResponseEntity<ProblemDetail> held(HeldException e, HttpServletRequest request) {
    ProblemDetail problem = ProblemWriter.problem(HttpStatus.CONFLICT, "Under legal hold",
        "lifecycle.held", e.getMessage(), request);
    problem.setProperty("holdId", e.holdId().toString());
    return respond(problem);
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
    if (!e.recorded()) {
      // Every refusal is on record, also on paths without an action-specific event.
      audit.accessDenied(request, e.permission());
    }
    return respond(ProblemWriter.problem(ApiErrorCode.ACCESS_DENIED, e.getMessage(), request));
  }

  @ExceptionHandler(AuditException.class)
  ResponseEntity<ProblemDetail> audit(AuditException e, HttpServletRequest request) {
    log.error("Audit failure {} on {}", e.code().code(), request.getRequestURI(), e);
    String detail = switch (e.code()) {
      case OUTBOX_UNAVAILABLE -> "The access could not be recorded in the audit trail, so it was "
          + "refused and nothing changed. Retry later.";
      case INDEX_UNAVAILABLE -> "The audit trail cannot be searched right now: Elasticsearch is "
          + "unavailable or not configured. Events are kept and will be searchable later.";
      case CHAIN_BROKEN -> "The audit chain does not verify where retention would drop it, so "
          + "nothing was dropped. Run the audit verify and investigate the event it names.";
    };
    // Only a retention run meets a broken chain; a request path maps it all the same.
    boolean broken = e.code() == AuditErrorCode.CHAIN_BROKEN;
    return respond(ProblemWriter.problem(broken ? HttpStatus.CONFLICT
        : HttpStatus.SERVICE_UNAVAILABLE, broken ? "Audit chain broken" : "Audit trail unavailable",
        e.code().code(), detail, request));
  }

  @ExceptionHandler(DatabaseUnavailableException.class)
  ResponseEntity<ProblemDetail> database(DatabaseUnavailableException e,
      HttpServletRequest request) {
    log.error("Database unavailable on {}", request.getRequestURI(), e);
    return respond(ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable",
        "storage.database", "The database is unavailable; nothing was changed. Retry later.",
        request));
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException e, HttpServletRequest request) {
    return respond(ProblemWriter.problem(ApiErrorCode.NOT_FOUND, e.getMessage(), request));
  }

  @ExceptionHandler(ApiProblemException.class)
  ResponseEntity<ProblemDetail> api(ApiProblemException e, HttpServletRequest request) {
    return respond(ProblemWriter.problem(e.code(), e.getMessage(), request));
  }

  @ExceptionHandler(StatisticsPurposeException.class)
  ResponseEntity<ProblemDetail> statisticsPurpose(StatisticsPurposeException e,
      HttpServletRequest request) {
    return respond(ProblemWriter.problem(ApiErrorCode.PURPOSE_STATISTICS_ONLY, e.getMessage(),
        request));
  }

  @ExceptionHandler(BadRequestException.class)
  ResponseEntity<ProblemDetail> badRequest(BadRequestException e, HttpServletRequest request) {
    return respond(ProblemWriter.problem(ApiErrorCode.REQUEST_INVALID, e.getMessage(), request));
  }

  /** Tomcat could not decode a query parameter; its message quotes the value, so never log it. */
  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<ProblemDetail> undecodable(InvalidParameterException e,
      HttpServletRequest request) {
    return respond(ProblemWriter.problem(ApiErrorCode.REQUEST_MALFORMED, "A query parameter is "
        + "not valid percent-encoded UTF-8.", request));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    var tooLarge = BodyTooLargeException.among(e);
    if (tooLarge.isPresent()) {
      return tooLarge(tooLarge.get(), request);
    }
    log.error("Unexpected failure on {}", request.getRequestURI(), e);
    return respond(ProblemWriter.problem(ApiErrorCode.INTERNAL, "An internal error occurred. "
        + "Quote the request id when you report it.", request));
  }

  /** The body was cut off at its limit: whatever it fed was aborted, nothing was written. */
  private static ResponseEntity<ProblemDetail> tooLarge(BodyTooLargeException e,
      HttpServletRequest request) {
    return respond(ProblemWriter.problem(ApiErrorCode.PAYLOAD_TOO_LARGE, e.getMessage()
        + " Nothing was stored.", request));
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    HttpServletRequest servletRequest = ((ServletWebRequest) request).getRequest();
    var tooLarge = BodyTooLargeException.among(ex);
    if (tooLarge.isPresent()) {
      return ResponseEntity.status(ApiErrorCode.PAYLOAD_TOO_LARGE.status())
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(tooLarge(tooLarge.get(), servletRequest).getBody());
    }
    ApiErrorCode code = codeFor(ex, status);
    ProblemDetail problem = ProblemWriter.problem(code, detailFor(ex, code), servletRequest);
    HttpHeaders out = new HttpHeaders();
    out.addAll(headers);
    out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return ResponseEntity.status(code.status()).headers(out).body(problem);
  }

  private static ApiErrorCode codeFor(Exception ex, HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> ex instanceof HttpMessageNotReadableException
          ? ApiErrorCode.REQUEST_MALFORMED : ApiErrorCode.REQUEST_INVALID;
      case 404 -> ApiErrorCode.NOT_FOUND;
      case 405 -> ApiErrorCode.METHOD_NOT_ALLOWED;
      case 406 -> ApiErrorCode.NOT_ACCEPTABLE;
      case 413 -> ApiErrorCode.PAYLOAD_TOO_LARGE;
      case 415 -> ApiErrorCode.UNSUPPORTED_MEDIA_TYPE;
      default -> status.is4xxClientError() ? ApiErrorCode.REQUEST_INVALID : ApiErrorCode.INTERNAL;
    };
  }

  private static String detailFor(Exception ex, ApiErrorCode code) {
    if (ex instanceof MissingServletRequestParameterException m) {
      return "The query parameter '" + m.getParameterName() + "' is required.";
    }
    if (ex instanceof MethodArgumentTypeMismatchException m) {
      return "The parameter '" + m.getName() + "' is not a valid "
          + (m.getRequiredType() == null ? "value" : m.getRequiredType().getSimpleName()) + ".";
    }
    return switch (code) {
      case REQUEST_MALFORMED -> "The request body is not valid JSON of the expected shape.";
      case NOT_FOUND -> "No such resource.";
      case METHOD_NOT_ALLOWED -> "This method is not allowed on this path.";
      case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json.";
      case NOT_ACCEPTABLE -> "This resource is available as application/json.";
      case PAYLOAD_TOO_LARGE -> "The request body is too large.";
      default -> "The request is not valid.";
    };
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
