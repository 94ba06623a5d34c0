package io.lethe.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every verb: runs it and turns an expected failure into one line on stderr and its exit
 * code, never a stack trace (unless {@code --debug}). Done here rather than in a picocli handler
 * so that any {@code new CommandLine(new Lethe())} behaves the same, as tests construct it.
 */
abstract class LetheCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** The work; returns the exit code. */
  abstract int run() throws Exception;

  @Override
  public final Integer call() {
    try {
      showTimesIn(root().outputZone());
      return run();
    } catch (ApiException e) {
      return fail(e.code() + ": " + e.getMessage(), e.exitCode(), e,
          e.requestId() == null ? null : "request id: " + e.requestId());
    } catch (UnreachableException e) {
      return fail("server.unreachable: " + e.getMessage(), ExitCodes.UNREACHABLE, e, null);
    } catch (UsageException e) {
      return fail("usage: " + e.getMessage(), ExitCodes.USAGE, e, null);
    } catch (Exception e) {
      return fail("cli.internal: " + e.getClass().getSimpleName()
          + " (run with --debug for details)", ExitCodes.SERVER_FAILURE, e, null);
    }
  }

  /** Output mixins cannot see the root's --local themselves: hand them the zone. */
  private void showTimesIn(ZoneId zone) {
    spec.mixins().values().forEach(m -> {
      if (m.userObject() instanceof OutputOptions output) {
        output.zone = zone;
      }
    });
  }

  /** A time from the server in the zone of --local, for lines that are not tables. */
  String time(String serverTime) {
    return Times.show(serverTime, root().outputZone());
  }

  private int fail(String line, int exitCode, Exception e, String extra) {
    PrintWriter err = err();
    err.println("lethe: " + line);
    if (root().debug) {
      if (extra != null) {
        err.println(extra);
      }
      e.printStackTrace(err);
    }
    err.flush();
    return exitCode;
  }

  Lethe root() {
    return (Lethe) spec.root().userObject();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  ApiClient api() {
    return root().api();
  }
}
