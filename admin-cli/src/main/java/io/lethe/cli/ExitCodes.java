package io.lethe.cli;

/**
 * The documented exit codes, and the one place that maps a server answer to them. Scripts match
 * on these numbers, so they never change meaning.
 */
public final class ExitCodes {

  public static final int OK = 0;
  /** The server failed (5xx), or a run it reports on failed. */
  public static final int SERVER_FAILURE = 1;
  /** The command line, or what it sent, is wrong (picocli's own default for invalid input). */
  public static final int USAGE = 2;
  public static final int NOT_FOUND = 3;
  /** No or a wrong API key (401), or a missing permission (403). */
  public static final int DENIED = 4;
  /** The request conflicts with the state: a legal hold, a suspended subject, a released hold. */
  public static final int CONFLICT = 5;
  public static final int UNREACHABLE = 6;

  private ExitCodes() {}

  /**
   * The exit code for an error answer. The HTTP status decides; the problem {@code code} refines
   * it where a status is shared by different meanings.
   */
  public static int forProblem(int status, String code) {
    if (code != null && code.equals("lifecycle.held")) {
      return CONFLICT;
    }
    return switch (status) {
      case 401, 403 -> DENIED;
      case 404, 410 -> NOT_FOUND;
      case 409 -> CONFLICT;
      case 400, 405, 406, 413, 415, 422 -> USAGE;
      default -> status >= 500 ? SERVER_FAILURE : status >= 400 ? USAGE : SERVER_FAILURE;
    };
  }
}
