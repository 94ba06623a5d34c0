package io.lethe.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of text as aligned columns that fit a width: when they do not, the widest columns are
 * shortened first and end in "…". Headers are upper case, as in kubectl and gh.
 */
final class Table {

  private static final int GAP = 2;
  private static final int MIN = 4;

  private Table() {}

  static String render(List<String> headers, List<List<String>> rows, int width) {
    int n = headers.size();
    int[] widths = new int[n];
    for (int c = 0; c < n; c++) {
      widths[c] = headers.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], cell(row, c).length());
      }
    }
    shrink(widths, width - GAP * (n - 1));
    StringBuilder out = new StringBuilder();
    line(out, headers.stream().map(String::toUpperCase).toList(), widths);
    for (List<String> row : rows) {
      line(out, row, widths);
    }
    return out.toString();
  }

  /** Takes one column off the widest column at a time until the total fits. */
  private static void shrink(int[] widths, int available) {
    int total = 0;
    for (int w : widths) {
      total += w;
    }
    while (total > available) {
      int widest = 0;
      for (int c = 1; c < widths.length; c++) {
        if (widths[c] > widths[widest]) {
          widest = c;
        }
      }
      if (widths[widest] <= MIN) {
        return;
      }
      widths[widest]--;
      total--;
    }
  }

  private static void line(StringBuilder out, List<String> row, int[] widths) {
    List<String> cells = new ArrayList<>();
    for (int c = 0; c < widths.length; c++) {
      cells.add(fit(cell(row, c), widths[c], c == widths.length - 1));
    }
    out.append(String.join(" ".repeat(GAP), cells).stripTrailing()).append('\n');
  }

  private static String fit(String s, int width, boolean last) {
    if (s.length() > width) {
      return s.substring(0, Math.max(0, width - 1)) + "…";
    }
    return last ? s : s + " ".repeat(width - s.length());
  }

  private static String cell(List<String> row, int c) {
    String s = c < row.size() ? row.get(c) : "";
    return s == null ? "" : s.replace('\n', ' ');
  }
}
