package io.lethe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.cli.OutputOptions.Column;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lethe jobs list|run|status|history}: the lifecycle jobs. */
@Command(name = "jobs",
    description = "Lifecycle jobs: retention sweep, biometric purge, anonymization, redating"
        + " records after a retention policy change, erasure and the rest.",
    subcommands = {JobsCommand.ListJobs.class, JobsCommand.Run.class, JobsCommand.Status.class,
        JobsCommand.History.class})
final class JobsCommand {

  static final List<String> COUNTS =
      List.of("scanned", "deleted", "anonymized", "skippedForHold", "deferred", "failed",
          "redated");

  static final List<Column> RUN_COLUMNS = List.of(Column.of("run", "id"),
      Column.of("job", "jobName"), Column.of("status", "status"), Column.of("dry run", "dryRun"),
      count("scanned"), count("deleted"), count("anonymized"),
      new Column("held", r -> OutputOptions.text(r.path("counts").path("skippedForHold"))),
      count("failed"), Column.time("started", "startedAt"),
      Column.time("finished", "finishedAt"));

  static final List<Column> REPORT = List.of(Column.of("run", "id"), Column.of("job", "jobName"),
      Column.of("status", "status"), Column.of("dry run", "dryRun"), count("scanned"),
      count("deleted"), count("anonymized"),
      new Column("skipped for hold", r -> OutputOptions.text(r.path("counts").path("skippedForHold"))),
      count("deferred"), count("failed"), count("redated"), Column.of("batches", "batches"),
      Column.of("policy version", "policyVersion"), Column.of("last error", "lastErrorCode"),
      Column.time("queued", "queuedAt"), Column.time("started", "startedAt"),
      Column.time("finished", "finishedAt"));

  private JobsCommand() {}

  private static Column count(String name) {
    return new Column(name, r -> OutputOptions.text(r.path("counts").path(name)));
  }

  static boolean finished(JsonNode run) {
    String s = run.path("status").asText();
    return s.equals("SUCCEEDED") || s.equals("FAILED") || s.equals("CANCELLED");
  }

  /** 0 for a run that succeeded, 1 for one that failed or was cancelled. */
  static int exitCode(JsonNode run) {
    return run.path("status").asText().equals("SUCCEEDED") ? ExitCodes.OK
        : ExitCodes.SERVER_FAILURE;
  }

  @Command(name = "list", description = "The jobs and their cron schedules.")
  static final class ListJobs extends LetheCommand {
    @Mixin OutputOptions output;

    @Override
    int run() {
      JsonNode jobs = api().get("/v1/jobs");
      output.list(out(), jobs, jobs, List.of(Column.of("name", "name"),
          new Column("schedule", j -> j.path("schedule").asText().isEmpty() ? "(on request only)"
              : j.path("schedule").asText())), root().env);
      return ExitCodes.OK;
    }
  }

  @Command(name = "run", description = "Run a job now. With --wait, follow it and print its"
      + " report; the exit code then says whether it succeeded.")
  static final class Run extends LetheCommand {
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--dry-run", description = "Count what would be done; change nothing.")
    boolean dryRun;
    @Option(names = "--wait", description = "Follow the run until it ends.") boolean await;
    @Option(names = "--poll-interval", paramLabel = "MILLIS", defaultValue = "500", hidden = true)
    long pollMillis;
    @Mixin OutputOptions output;

    @Override
    int run() throws InterruptedException {
      ApiClient api = api();
      JsonNode started = api.post("/v1/jobs/" + ApiClient.segment(name) + "/runs",
          Map.of("dryRun", dryRun));
      String runId = started.path("runId").asText();
      if (!await) {
        if (output.format == OutputOptions.Format.json) {
          out().println(OutputOptions.pretty(started));
        } else {
          out().println("Started " + name + (dryRun ? " (dry run)" : "") + ": run " + runId);
        }
        return ExitCodes.OK;
      }
      return follow(this, api, runId, output, pollMillis);
    }
  }

  /**
   * Follows a run until it ends, with progress on table output, prints its report, and returns
   * 0 if it succeeded, 1 otherwise. Key rotation's rewrap runs are followed the same way.
   */
  static int follow(LetheCommand command, ApiClient api, String runId, OutputOptions output,
      long pollMillis) throws InterruptedException {
    boolean terminal = System.console() != null && output.format == OutputOptions.Format.table;
    Progress progress = new Progress(command.out(), terminal);
    JsonNode run;
    while (true) {
      run = api.get("/v1/jobs/runs/" + ApiClient.segment(runId));
      if (output.format == OutputOptions.Format.table) {
        progress.show(run);
      }
      if (finished(run)) {
        break;
      }
      Thread.sleep(pollMillis);
    }
    progress.end();
    output.single(command.out(), run, REPORT, command.root().env);
    return exitCode(run);
  }

  @Command(name = "status", description = "A run's status and counts.")
  static final class Status extends LetheCommand {
    @Parameters(paramLabel = "RUN") String runId;
    @Mixin OutputOptions output;

    @Override
    int run() {
      JsonNode run = api().get("/v1/jobs/runs/" + ApiClient.segment(runId));
      output.single(out(), run, REPORT, root().env);
      return ExitCodes.OK;
    }
  }

  @Command(name = "history", description = "A job's recent runs, newest first.")
  static final class History extends LetheCommand {
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--limit", defaultValue = "20", paramLabel = "N") int limit;
    @Mixin OutputOptions output;

    @Override
    int run() {
      JsonNode runs = api().get(ApiClient.query("/v1/jobs/runs",
          new java.util.LinkedHashMap<>(Map.of("job", name, "limit", limit))));
      output.list(out(), runs, runs, RUN_COLUMNS, root().env);
      return ExitCodes.OK;
    }
  }
}
