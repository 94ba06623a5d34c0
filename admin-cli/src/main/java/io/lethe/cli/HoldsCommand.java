package io.lethe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.cli.OutputOptions.Column;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lethe holds add|list|release}: nothing held is deleted by any job or request. */
@Command(name = "holds", description = "Legal holds.",
    subcommands = {HoldsCommand.Add.class, HoldsCommand.ListHolds.class,
        HoldsCommand.Release.class})
final class HoldsCommand {

  static final List<Column> COLUMNS = List.of(Column.of("id", "id"),
      new Column("target", h -> h.hasNonNull("subjectId") ? "subject " + h.get("subjectId").asText()
          : "record " + OutputOptions.text(h.path("recordId"))),
      Column.of("case", "caseReference"), Column.of("reason", "reason"),
      Column.of("placed by", "placedBy"), Column.time("placed", "placedAt"),
      Column.time("until", "until"));

  private HoldsCommand() {}

  static final class Target {
    @Option(names = "--subject", paramLabel = "ID", required = true) String subject;
    @Option(names = "--record", paramLabel = "ID", required = true) String record;
  }

  @Command(name = "add", description = "Place a hold on a subject or one record.")
  static final class Add extends LetheCommand {
    @ArgGroup(exclusive = true, multiplicity = "1") Target target;
    @Option(names = "--reason", required = true, paramLabel = "R") String reason;
    @Option(names = "--case-ref", required = true, paramLabel = "C") String caseRef;
    @Option(names = "--until", paramLabel = "TIME", description = "When it ends by itself"
        + " (ISO-8601 or a date); default: until released.") String until;
    @Mixin OutputOptions output;

    @Override
    int run() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("subjectId", target.subject);
      body.put("recordId", target.record);
      body.put("reason", reason);
      body.put("caseRef", caseRef);
      if (until != null) {
        body.put("until", Times.parse(until, root().clock).toString());
      }
      body.values().removeIf(v -> v == null);
      JsonNode hold = api().post("/v1/holds", body);
      output.single(out(), hold, COLUMNS, root().env);
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", description = "Active holds.")
  static final class ListHolds extends LetheCommand {
    @Mixin OutputOptions output;

    @Override
    int run() {
      JsonNode holds = api().get("/v1/holds");
      output.list(out(), holds, holds, COLUMNS, root().env);
      return ExitCodes.OK;
    }
  }

  @Command(name = "release", description = "Release a hold; what it covered becomes eligible"
      + " for deletion again.")
  static final class Release extends LetheCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    int run() {
      JsonNode hold = api().delete("/v1/holds/" + ApiClient.segment(id));
      out().println("Hold " + hold.path("id").asText(id) + " released at "
          + time(hold.path("releasedAt").asText()));
      return ExitCodes.OK;
    }
  }
}
