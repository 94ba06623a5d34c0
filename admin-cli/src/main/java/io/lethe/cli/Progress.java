package io.lethe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/**
 * A running job as it advances. On a terminal: one line redrawn in place, with the counts and an
 * indeterminate bar (the server does not know the total up front, so the bar moves rather than
 * pretending to a percentage; it is full when the run ends).
 * Otherwise (pipes, logs, tests): one plain line each time the status or a count changes.
 */
final class Progress {

  private static final String SPIN = "|/-\\";
  private static final int BAR = 20;

  private final PrintWriter out;
  private final boolean terminal;
  private String last = "";
  private int ticks;

  Progress(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  void show(JsonNode run) {
    String line = line(run);
    if (terminal) {
      out.print("\r" + SPIN.charAt(ticks % SPIN.length()) + " [" + bar(run, ticks++) + "] "
          + line + "\u001b[K");
      out.flush();
    } else if (!line.equals(last)) {
      out.println(line);
      out.flush();
    }
    last = line;
  }

  void end() {
    if (terminal) {
      out.println();
      out.flush();
    }
  }

  static String bar(JsonNode run, int tick) {
    if (JobsCommand.finished(run)) {
      return "#".repeat(BAR);
    }
    int at = tick % (BAR - 3);
    return ".".repeat(at) + "####" + ".".repeat(BAR - 4 - at);
  }

  static String line(JsonNode run) {
    JsonNode c = run.path("counts");
    return run.path("status").asText() + " scanned=" + c.path("scanned").asLong()
        + " deleted=" + c.path("deleted").asLong()
        + " anonymized=" + c.path("anonymized").asLong()
        + " skippedForHold=" + c.path("skippedForHold").asLong()
        + " failed=" + c.path("failed").asLong();
  }
}
