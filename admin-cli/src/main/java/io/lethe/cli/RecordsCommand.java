package io.lethe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.cli.OutputOptions.Column;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lethe records get|find|delete|fulfil}: every read names its purpose. */
@Command(name = "records", description = "Records, read for a declared purpose.",
    subcommands = {RecordsCommand.Get.class, RecordsCommand.Find.class,
        RecordsCommand.Delete.class, RecordsCommand.Fulfil.class})
final class RecordsCommand {

  private RecordsCommand() {}

  @Command(name = "get", description = "A record's fields that the purpose opens, masked unless"
      + " --plain (which needs the read-plain permission).")
  static final class Get extends LetheCommand {
    @Parameters(paramLabel = "ID") String id;
    @Option(names = "--purpose", required = true, paramLabel = "P") String purpose;
    @Option(names = "--plain", description = "Unmasked values.") boolean plain;
    @Mixin OutputOptions output;

    @Override
    int run() {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("purpose", purpose);
      q.put("view", plain ? "plain" : null);
      JsonNode r = api().get(ApiClient.query("/v1/records/" + ApiClient.segment(id), q));
      List<Column> fields = new ArrayList<>(List.of(Column.of("id", "id"),
          Column.of("subject", "subjectId"), Column.of("type", "type"), Column.of("view", "view"),
          Column.time("created", "createdAt")));
      r.path("fields").fieldNames().forEachRemaining(name -> fields.add(
          new Column(name, n -> OutputOptions.text(n.path("fields").path(name)))));
      if (r.path("withheld").size() > 0) {
        List<String> withheld = new ArrayList<>();
        r.path("withheld").forEach(w -> withheld.add(w.asText()));
        fields.add(new Column("withheld", n -> String.join(", ", withheld)));
      }
      output.single(out(), r, fields, root().env);
      return ExitCodes.OK;
    }
  }

  @Command(name = "find", description = "Blind-index lookup: which records hold this value."
      + " Nothing is decrypted.")
  static final class Find extends LetheCommand {
    @Option(names = "--type", required = true, paramLabel = "T") String type;
    @Option(names = "--field", required = true, paramLabel = "F") String field;
    @Option(names = "--value", required = true, paramLabel = "V",
        description = "The value to look for (a personal value: mind your shell history).")
    String value;
    @Option(names = "--purpose", required = true, paramLabel = "P") String purpose;
    @Mixin OutputOptions output;

    @Override
    int run() {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("type", type);
      q.put("field", field);
      q.put("value", value);
      q.put("purpose", purpose);
      JsonNode r = api().get(ApiClient.query("/v1/records", q));
      output.list(out(), r, r.path("matches"), List.of(Column.of("record", "recordId"),
          Column.of("subject", "subjectId")), root().env);
      return ExitCodes.OK;
    }
  }

  @Command(name = "delete", description = "Delete one record now (exit 5 while held).")
  static final class Delete extends LetheCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    int run() {
      api().delete("/v1/records/" + ApiClient.segment(id));
      out().println("Record " + id + " deleted");
      return ExitCodes.OK;
    }
  }

  @Command(name = "fulfil", description = "The record's purpose is fulfilled (e.g. the study"
      + " period ended): it expires after its retention class's period.")
  static final class Fulfil extends LetheCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    int run() {
      JsonNode r = api().post("/v1/records/" + ApiClient.segment(id) + "/fulfilment", null);
      out().println("Record " + r.path("id").asText(id) + " expires at "
          + time(r.path("expiresAt").asText()));
      return ExitCodes.OK;
    }
  }
}
