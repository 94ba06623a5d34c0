package io.lethe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * {@code -o table|json|csv}, mixed into every command that prints data. JSON is the server's
 * answer as it came, pretty-printed: stable for scripts, so its times stay UTC even with
 * {@code --local}. Tables fit {@code COLUMNS} (or 100); their time columns, and csv's, are shown
 * in {@link #zone} ({@code --local}, set by {@link LetheCommand} before the verb runs).
 */
final class OutputOptions {

  enum Format { table, json, csv }

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json or csv (default: ${DEFAULT-VALUE}).")
  Format format = Format.table;

  /** Where table and csv times are shown: UTC unless {@code --local}. */
  ZoneId zone = ZoneOffset.UTC;

  /** A column: its header, how to read it from one item of the answer, and if it holds times. */
  record Column(String header, Function<JsonNode, String> value, boolean time) {
    Column(String header, Function<JsonNode, String> value) {
      this(header, value, false);
    }

    static Column of(String header, String field) {
      return new Column(header, n -> text(n.path(field)));
    }

    /** A field the server sends as an ISO-8601 instant. */
    static Column time(String header, String field) {
      return of(header, field).asTime();
    }

    Column asTime() {
      return new Column(header, value, true);
    }

    String cell(JsonNode item, ZoneId zone) {
      String s = value.apply(item);
      return time ? Times.show(s, zone) : s;
    }
  }

  void list(PrintWriter out, JsonNode json, Iterable<JsonNode> items, List<Column> columns,
      Map<String, String> env) {
    if (format == Format.json) {
      out.println(pretty(json));
      out.flush();
      return;
    }
    List<String> headers = columns.stream().map(Column::header).toList();
    List<List<String>> rows = new java.util.ArrayList<>();
    for (JsonNode item : items) {
      rows.add(columns.stream().map(c -> c.cell(item, zone)).toList());
    }
    out.print(format == Format.csv ? Csv.render(headers, rows)
        : Table.render(headers, rows, width(env)));
    out.flush();
  }

  /** One object as FIELD/VALUE rows (table, csv) or as it came (json). */
  void single(PrintWriter out, JsonNode json, List<Column> fields, Map<String, String> env) {
    if (format == Format.json) {
      out.println(pretty(json));
      out.flush();
      return;
    }
    List<List<String>> rows = fields.stream()
        .map(f -> List.of(f.header(), f.cell(json, zone))).toList();
    if (format == Format.csv) {
      out.print(Csv.render(List.of("field", "value"), rows));
    } else {
      int keyWidth = rows.stream().mapToInt(r -> r.get(0).length()).max().orElse(0);
      rows.forEach(r -> out.println(r.get(0) + ":" + " ".repeat(keyWidth - r.get(0).length() + 1)
          + r.get(1)));
    }
    out.flush();
  }

  static int width(Map<String, String> env) {
    try {
      int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "").trim());
      return columns >= 20 ? columns : 100;
    } catch (NumberFormatException e) {
      return 100;
    }
  }

  static String pretty(JsonNode json) {
    try {
      return ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A scalar as text; arrays and objects as compact JSON; null and missing as empty. */
  static String text(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return "";
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }
}
