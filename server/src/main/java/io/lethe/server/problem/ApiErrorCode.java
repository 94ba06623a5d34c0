package io.lethe.server.problem;

import org.springframework.http.HttpStatus;

/**
 * Errors that the REST layer itself raises. Codes are stable: clients and the CLI match on them.
 * Errors of the libraries keep their own codes and are mapped in {@link ProblemAdvice}.
 */
public enum ApiErrorCode {
  AUTH_MISSING("auth.missing", HttpStatus.UNAUTHORIZED, "Authentication required"),
  AUTH_INVALID("auth.invalid", HttpStatus.UNAUTHORIZED, "Invalid API key"),
  ACCESS_DENIED("access.denied", HttpStatus.FORBIDDEN, "Permission denied"),
  REQUEST_MALFORMED("request.malformed", HttpStatus.BAD_REQUEST, "Malformed request"),
  REQUEST_INVALID("request.invalid", HttpStatus.BAD_REQUEST, "Invalid request"),
  /** A purpose that this operation is never done for, e.g. an export for marketing. */
  PURPOSE_NOT_ALLOWED("request.purpose-not-allowed", HttpStatus.UNPROCESSABLE_CONTENT,
      "Purpose not allowed"),
  NOT_FOUND("request.not-found", HttpStatus.NOT_FOUND, "Not found"),
  METHOD_NOT_ALLOWED("request.method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED,
      "Method not allowed"),
  UNSUPPORTED_MEDIA_TYPE("request.unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      "Unsupported media type"),
  NOT_ACCEPTABLE("request.not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
  PAYLOAD_TOO_LARGE("request.too-large", HttpStatus.CONTENT_TOO_LARGE, "Request too large"),
  /** Purpose {@code statistics} on an endpoint that serves personal data. */
  PURPOSE_STATISTICS_ONLY("purpose.statistics-only", HttpStatus.FORBIDDEN,
      "Purpose reserved for anonymized statistics"),
  INTERNAL("server.internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

  private final String code;
  private final HttpStatus status;
  private final String title;

  ApiErrorCode(String code, HttpStatus status, String title) {
    this.code = code;
    this.status = status;
    this.title = title;
  }

  public String code() {
    return code;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }
}
