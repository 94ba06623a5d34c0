package io.lethe.cli;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180: a header line, then rows; cells with a comma, quote or line break are quoted. */
final class Csv {

  private Csv() {}

  static String render(List<String> headers, List<List<String>> rows) {
    StringBuilder out = new StringBuilder();
    out.append(line(headers));
    rows.forEach(r -> out.append(line(r)));
    return out.toString();
  }

  private static String line(List<String> cells) {
    return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
  }

  static String cell(String s) {
    if (s == null) {
      return "";
    }
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
