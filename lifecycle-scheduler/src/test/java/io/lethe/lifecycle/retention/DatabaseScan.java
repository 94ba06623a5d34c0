package io.lethe.lifecycle.retention;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads every row of every table of the connection's schema and reports where any of the given
 * strings or byte sequences occurs: the proof that something is gone from the database, not
 * only from the table one expected it in.
 */
final class DatabaseScan {

  private DatabaseScan() {}

  /** {@code table.column} of each occurrence (a string inside text, or bytes inside bytes). */
  static List<String> occurrences(Connection c, List<String> texts, List<byte[]> bytes)
      throws SQLException {
    List<byte[]> needles = new ArrayList<>(bytes);
    texts.forEach(t -> needles.add(t.getBytes(StandardCharsets.UTF_8)));
    List<String> hexNeedles = bytes.stream().map(b -> HexFormat.of().formatHex(b)).toList();
    List<String> found = new ArrayList<>();
    for (String table : tables(c)) {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM \"" + table + "\"");
          ResultSet rs = ps.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= columns; i++) {
            Object value = rs.getObject(i);
            byte[] raw = value instanceof byte[] b ? b
                : value == null ? new byte[0] : value.toString().getBytes(StandardCharsets.UTF_8);
            String text = value instanceof byte[] ? "" : String.valueOf(value).toLowerCase();
            boolean hit = needles.stream().anyMatch(n -> contains(raw, n))
                || hexNeedles.stream().anyMatch(text::contains);
            if (hit) {
              found.add(table + "." + rs.getMetaData().getColumnName(i));
            }
          }
        }
      }
    }
    return found;
  }

  static List<String> tables(Connection c) throws SQLException {
    List<String> tables = new ArrayList<>();
    DatabaseMetaData meta = c.getMetaData();
    try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%",
        new String[] {"TABLE"})) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    return tables;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    if (needle.length == 0) {
      return false;
    }
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
