package io.lethe.embedded;

/** An embedded server could not start, answer or stop. Messages say what to do about it. */
public final class EmbeddedServerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EmbeddedServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
