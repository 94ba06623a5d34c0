package io.lethe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.cli.OutputOptions.Column;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lethe subjects show|suspend|resume|close|reopen|erase|export|migrate ID}. */
@Command(name = "subjects", description = "The people data is about.",
    subcommands = {SubjectsCommand.Show.class, SubjectsCommand.Suspend.class,
        SubjectsCommand.Resume.class, SubjectsCommand.Close.class, SubjectsCommand.Reopen.class,
        SubjectsCommand.Erase.class, SubjectExportCommand.class,
        SubjectsCommand.Migrate.class})
final class SubjectsCommand {

  static final List<Column> SUMMARY = List.of(Column.of("id", "id"),
      Column.of("status", "status"), Column.time("created", "createdAt"),
      Column.time("closed", "closedAt"),
      Column.of("policy version", "policyVersion"), Column.of("records", "records"),
      Column.of("objects", "objects"));

  private SubjectsCommand() {}

  @Command(name = "show", description = "Status, creation time, policy version and counts.")
  static final class Show extends LetheCommand {
    @Parameters(paramLabel = "ID") String id;
    @Mixin OutputOptions output;

    @Override
    int run() {
      JsonNode subject = api().get("/v1/subjects/" + ApiClient.segment(id));
      output.single(out(), subject, SUMMARY, root().env);
      return ExitCodes.OK;
    }
  }

  @Command(name = "suspend", description = "Suspend: nothing of the subject is written, and it is"
      + " read only for the purpose legal-obligation.")
  static final class Suspend extends LetheCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    int run() {
      JsonNode s = api().post("/v1/subjects/" + ApiClient.segment(id) + "/suspension", null);
      out().println("Subject " + s.path("id").asText(id) + " is " + s.path("status").asText());
      return ExitCodes.OK;
    }
  }

  @Command(name = "resume", description = "Resume a suspended subject.")
  static final class Resume extends LetheCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    int run() {
      JsonNode s = api().delete("/v1/subjects/" + ApiClient.segment(id) + "/suspension");
      out().println("Subject " + s.path("id").asText(id) + " is " + s.path("status").asText());
      return ExitCodes.OK;
    }
  }

  @Command(name = "close", description = "Close the account: its account records are deleted"
      + " when the retention policy's grace period ends (30 days by default); until then it"
      + " takes no new data and can be reopened.")
  static final class Close extends LetheCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    int run() {
      JsonNode c = api().post("/v1/subjects/" + ApiClient.segment(id) + "/closure", null);
      out().println("Subject " + c.path("id").asText(id) + " closed at "
          + time(c.path("closedAt").asText()) + "; " + c.path("recordsExpiring").asInt()
          + " record(s) now expire");
      return ExitCodes.OK;
    }
  }

  @Command(name = "reopen", description = "Reverse a closure: its records expire no more.")
  static final class Reopen extends LetheCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    int run() {
      JsonNode c = api().delete("/v1/subjects/" + ApiClient.segment(id) + "/closure");
      out().println("Subject " + c.path("id").asText(id) + " is open again");
      return ExitCodes.OK;
    }
  }

  @Command(name = "erase", description = "Erase: destroys the subject key, so every field and"
      + " object becomes unreadable at once. Refused (exit 5) while a legal hold applies.")
  static final class Erase extends LetheCommand {
    @Parameters(paramLabel = "ID") String id;
    @picocli.CommandLine.Option(names = "--yes", description = "Confirm: erasure cannot be undone.")
    boolean yes;

    @Override
    int run() {
      if (!yes) {
        throw new UsageException("erasure cannot be undone; add --yes to confirm");
      }
      JsonNode r = api().post("/v1/subjects/" + ApiClient.segment(id) + "/erasure", null);
      out().println("Erasure of subject " + id + " accepted: request "
          + r.path("requestId").asText() + " (" + r.path("status").asText() + ")");
      return ExitCodes.OK;
    }
  }

  @Command(name = "migrate", description = "Move the subject under another key-encryption key"
      + " (another tenant or region): its key is rewrapped, no data is re-encrypted.")
  static final class Migrate extends LetheCommand {
    @Parameters(paramLabel = "ID") String id;
    @picocli.CommandLine.Option(names = "--kek", required = true, paramLabel = "NAME",
        description = "The name of a KEK configured on the server.")
    String kek;

    @Override
    int run() {
      JsonNode r = api().post("/v1/subjects/" + ApiClient.segment(id) + "/migration",
          java.util.Map.of("kek", kek));
      out().println("Subject " + id + " is now under KEK " + r.path("kek").asText(kek)
          + ": request " + r.path("requestId").asText() + " (" + r.path("status").asText() + ")");
      return ExitCodes.OK;
    }
  }
}
