package io.lethe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.cli.OutputOptions.Column;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lethe audit search|touched-subjects|verify|export}: for incident responders. */
@Command(name = "audit", description = "The audit trail: search, incident report, chain check,"
    + " export.", subcommands = {AuditCommand.Search.class, AuditCommand.TouchedSubjects.class,
        AuditCommand.Verify.class, AuditCommand.Export.class})
final class AuditCommand {

  static final List<Column> EVENT_COLUMNS = List.of(path("time", "@timestamp").asTime(),
      path("actor", "user.name"), path("action", "event.action"),
      path("outcome", "event.outcome"), path("subject", "lethe.subject_id"),
      path("purpose", "lethe.purpose"), path("record", "lethe.record_id"),
      path("error", "error.code"), path("request", "http.request.id"));

  private AuditCommand() {}

  /** A column read along a dotted path ({@code @timestamp} is one name). */
  static Column path(String header, String dotted) {
    return new Column(header, n -> {
      JsonNode node = n;
      for (String part : dotted.startsWith("@") ? new String[] {dotted} : dotted.split("\\.")) {
        node = node.path(part);
      }
      return OutputOptions.text(node);
    });
  }

  /** The filters the search and the export share. */
  static final class Filters {
    @Option(names = "--subject", paramLabel = "ID") String subject;
    @Option(names = "--actor", paramLabel = "A") String actor;
    @Option(names = "--action", paramLabel = "X", description = "e.g. record.read") String action;
    @Option(names = "--outcome", paramLabel = "O", description = "success or failure")
    String outcome;
    @Option(names = "--purpose", paramLabel = "P") String purpose;
    @Option(names = "--since", paramLabel = "TIME",
        description = "From this time: 30m, 24h, 7d, or ISO-8601.") String since;
    @Option(names = "--until", paramLabel = "TIME", description = "Up to this time (excluded).")
    String until;

    Map<String, Object> params(java.time.Clock clock) {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("subjectId", subject);
      q.put("actor", actor);
      q.put("action", action);
      q.put("outcome", outcome);
      q.put("purpose", purpose);
      q.put("from", since == null ? null : Times.parse(since, clock));
      q.put("to", until == null ? null : Times.parse(until, clock));
      return q;
    }
  }

  @Command(name = "search", description = "Events in time order, following the pages up to"
      + " --limit.")
  static final class Search extends LetheCommand {
    @Mixin Filters filters;
    @Option(names = "--record-type", paramLabel = "T") String recordType;
    @Option(names = "--request", paramLabel = "ID") String requestId;
    @Option(names = "--source-ip", paramLabel = "IP") String sourceIp;
    @Option(names = "--size", defaultValue = "100", paramLabel = "N",
        description = "Events per page (default ${DEFAULT-VALUE}, at most 1000).") int size;
    @Option(names = "--limit", defaultValue = "1000", paramLabel = "N",
        description = "Stop after this many events (default ${DEFAULT-VALUE}).") int limit;
    @Mixin OutputOptions output;

    @Override
    int run() {
      if (size < 1 || limit < 1) {
        throw new UsageException("--size and --limit must be positive");
      }
      ApiClient api = api();
      Map<String, Object> q = filters.params(root().clock);
      q.put("recordType", recordType);
      q.put("requestId", requestId);
      q.put("sourceIp", sourceIp);
      ArrayNode events = ApiClient.JSON.createArrayNode();
      String after = null;
      long total = 0;
      do {
        q.put("size", Math.min(size, limit - events.size()));
        q.put("after", after);
        JsonNode page = api.get(ApiClient.query("/v1/audit/events", q));
        page.path("events").forEach(events::add);
        total = page.path("total").asLong();
        after = page.hasNonNull("next") && page.path("events").size() > 0
            ? page.get("next").asText() : null;
      } while (after != null && events.size() < limit);
      ObjectNode all = ApiClient.JSON.createObjectNode();
      all.set("events", events);
      all.put("total", total);
      output.list(out(), all, events, EVENT_COLUMNS, root().env);
      if (output.format == OutputOptions.Format.table && total > events.size()) {
        err().println(events.size() + " of " + total + " events shown; raise --limit for more");
        err().flush();
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "touched-subjects", description = "The incident report: every subject whose"
      + " data an actor (or a source address) touched in a window.")
  static final class TouchedSubjects extends LetheCommand {
    @Option(names = "--actor", paramLabel = "A") String actor;
    @Option(names = "--source-ip", paramLabel = "IP") String sourceIp;
    @Option(names = {"--since", "--from"}, required = true, paramLabel = "TIME") String from;
    @Option(names = {"--until", "--to"}, paramLabel = "TIME", description = "Default: now.")
    String to;
    @Mixin OutputOptions output;

    @Override
    int run() {
      if ((actor == null) == (sourceIp == null)) {
        throw new UsageException("name exactly one of --actor or --source-ip");
      }
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("actor", actor);
      q.put("sourceIp", sourceIp);
      q.put("from", Times.parse(from, root().clock));
      q.put("to", to == null ? root().clock.instant() : Times.parse(to, root().clock));
      JsonNode report = api().get(ApiClient.query("/v1/audit/touched-subjects", q));
      output.list(out(), report, report.path("subjects"), List.of(Column.of("subject", "subjectId"),
          Column.of("accesses", "accesses"), Column.time("first access", "firstAccess"),
          Column.time("last access", "lastAccess")), root().env);
      return ExitCodes.OK;
    }
  }

  @Command(name = "verify", description = "Walk the hash chain against the signed checkpoints."
      + " Exit 1 unless intact.")
  static final class Verify extends LetheCommand {
    @Mixin OutputOptions output;

    @Override
    int run() {
      JsonNode r = api().post("/v1/audit/verify", null);
      String status = r.path("status").asText();
      List<Column> fields = switch (status) {
        case "intact" -> List.of(Column.of("status", "status"), Column.of("events", "events"),
            Column.of("last signed seq", "lastSignedSeq"),
            Column.of("unsigned tail", "unsignedTail"));
        case "broken" -> List.of(Column.of("status", "status"), Column.of("seq", "seq"),
            Column.of("reason", "reason"));
        default -> List.of(Column.of("status", "status"), Column.of("from", "from"),
            Column.of("to", "to"));
      };
      output.single(out(), r, fields, root().env);
      return status.equals("intact") ? ExitCodes.OK : ExitCodes.SERVER_FAILURE;
    }
  }

  @Command(name = "export", description = "Stream every matching event to a file, as CSV or JSON"
      + " lines. The file appears only when the export is complete.")
  static final class Export extends LetheCommand {
    enum Format { csv, jsonl }

    @Mixin Filters filters;
    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "F",
        description = "csv or jsonl (default ${DEFAULT-VALUE}).") Format format;
    @Option(names = "--out", required = true, paramLabel = "FILE") Path file;

    @Override
    int run() throws Exception {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("format", format.name());
      q.putAll(filters.params(root().clock));
      Path dir = file.toAbsolutePath().getParent();
      Path partial = Files.createTempFile(dir, "." + file.getFileName(), ".part");
      try {
        long bytes;
        try (OutputStream out = Files.newOutputStream(partial)) {
          bytes = api().download(ApiClient.query("/v1/audit/export", q), out);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
        out().println("Exported " + bytes + " bytes to " + file + " at "
            + Times.show(Instant.now(root().clock), root().outputZone()));
        return ExitCodes.OK;
      } finally {
        Files.deleteIfExists(partial);
      }
    }
  }
}
