package io.lethe.server.problem;

/** A resource the REST layer itself looked up does not exist. */
public final class NotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
