package io.lethe.server.problem;

/** A request the API refuses before any library sees it; the message is shown to the caller. */
public final class BadRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadRequestException(String message) {
    super(message);
  }
}
