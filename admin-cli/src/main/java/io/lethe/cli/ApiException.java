package io.lethe.cli;

/**
 * An error answer from the server, as its RFC 7807 problem: the stable {@code code}, the detail
 * written for a person, and the request id to quote. Never carries the API key.
 */
final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String requestId;

  ApiException(int status, String code, String detail, String requestId) {
    super(detail);
    this.status = status;
    this.code = code;
    this.requestId = requestId;
  }

  int status() {
    return status;
  }

  /** The problem's code, or {@code http.<status>} when the answer was not a problem. */
  String code() {
    return code;
  }

  String requestId() {
    return requestId;
  }

  int exitCode() {
    return ExitCodes.forProblem(status, code);
  }
}
