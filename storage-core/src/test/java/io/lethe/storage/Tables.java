package io.lethe.storage;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads every cell of every table in a schema, as text and as bytes, for leak checks. */
final class Tables {

  /** One cell where a needle was found: {@code table.column}. */
  record Hit(String table, String column) {}

  record Scan(List<String> tables, int cells, List<Hit> hits) {}

  private Tables() {}

  static Scan scanFor(Connection c, String schema, List<String> needles) throws SQLException {
    List<String> tables = new ArrayList<>();
    DatabaseMetaData meta = c.getMetaData();
    try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    int cells = 0;
    List<Hit> hits = new ArrayList<>();
    for (String table : tables) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM " + schema + ".\"" + table + "\"")) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          for (int i = 1; i <= md.getColumnCount(); i++) {
            cells++;
            if (contains(rs.getObject(i), needles)) {
              hits.add(new Hit(table, md.getColumnName(i)));
            }
          }
        }
      }
    }
    return new Scan(tables, cells, hits);
  }

  private static boolean contains(Object cell, List<String> needles) {
    if (cell == null) {
      return false;
    }
    byte[] bytes = cell instanceof byte[] b ? b
        : String.valueOf(cell).getBytes(StandardCharsets.UTF_8);
    String text = cell instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1)
        : String.valueOf(cell);
    for (String needle : needles) {
      byte[] n = needle.getBytes(StandardCharsets.UTF_8);
      if (text.contains(needle) || indexOf(bytes, n) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
