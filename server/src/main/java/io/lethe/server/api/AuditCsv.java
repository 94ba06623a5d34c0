package io.lethe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Audit events as CSV rows (RFC 4180 quoting): the columns responders filter on. */
final class AuditCsv {

  static final List<String> COLUMNS = List.of("@timestamp", "event.id", "event.action",
      "event.outcome", "user.name", "source.ip", "http.request.id", "url.path", "error.code",
      "lethe.purpose", "lethe.subject_id", "lethe.record_id", "lethe.record_type",
      "lethe.object_id", "lethe.field_names", "lethe.chain.seq");

  private AuditCsv() {}

  static String header() {
    return String.join(",", COLUMNS) + "\r\n";
  }

  static String row(JsonNode event) {
    List<String> cells = new ArrayList<>();
    for (String column : COLUMNS) {
      JsonNode node = event;
      for (String part : column.startsWith("@") ? new String[] {column} : column.split("\\.")) {
        node = node.path(part);
      }
      cells.add(quote(node.isArray() ? join(node) : node.isMissingNode() ? "" : node.asText()));
    }
    return String.join(",", cells) + "\r\n";
  }

  static String quote(String value) {
    boolean needs = value.contains(",") || value.contains("\"") || value.contains("\n")
        || value.contains("\r");
    return needs ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  private static String join(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return String.join(";", values);
  }
}
