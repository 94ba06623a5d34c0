package io.lethe.cli;

/** The invocation cannot work as given (no key configured, unreadable file, bad time). */
final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
