package io.lethe.cli;

/** The server could not be reached at all: refused, unknown host, timed out. */
final class UnreachableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
