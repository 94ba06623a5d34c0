package io.lethe.server.problem;

/**
 * A refusal the REST layer decides itself, with its stable code; the message is shown to the
 * caller and never carries a submitted value.
 */
public final class ApiProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ApiErrorCode code;

  public ApiProblemException(ApiErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ApiErrorCode code() {
    return code;
  }
}
