package io.lethe.server.problem;

import java.io.IOException;

/**
 * A request body grew past its limit while it was read. An {@code IOException}, so that it ends
 * the stream of whatever reads it (JSON parser, object encryption) and aborts that write; the
 * problem layer finds it among the causes and answers 413.
 */
public final class BodyTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long limit;
  private final String setting;

  public BodyTooLargeException(long limit, String setting) {
    super("The request body is larger than " + limit + " bytes, the limit set by " + setting + ".");
    this.limit = limit;
    this.setting = setting;
  }

  public long limit() {
    return limit;
  }

  public String setting() {
    return setting;
  }

  /** The instance among {@code failure}'s causes, if the failure came from an oversize body. */
  static java.util.Optional<BodyTooLargeException> among(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException tooLarge) {
        return java.util.Optional.of(tooLarge);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return java.util.Optional.empty();
  }
}
