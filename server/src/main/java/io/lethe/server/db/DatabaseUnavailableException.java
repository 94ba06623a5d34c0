package io.lethe.server.db;

/** The database could not be reached or refused the transaction; nothing was changed. */
public final class DatabaseUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatabaseUnavailableException(Throwable cause) {
    super("The database is unavailable; nothing was changed", cause);
  }
}
