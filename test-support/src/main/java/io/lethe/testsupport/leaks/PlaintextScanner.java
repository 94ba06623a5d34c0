package io.lethe.testsupport.leaks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Looks for known plaintext where it must not be: every column of every table a connection's
 * schema holds (as text and as raw bytes), and every file under a folder. Returns where each
 * needle was found, so an assertion failure says where the leak is.
 */
public final class PlaintextScanner {

  private PlaintextScanner() {}

  /** Hits as {@code table.column: needle}; empty when nothing leaked. */
  public static List<String> scanTables(DataSource dataSource, String... needles)
      throws SQLException {
    List<String> hits = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      for (String table : tables(c)) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              String column = table + "." + rs.getMetaData().getColumnName(i);
              Object value = rs.getObject(i);
              String text = value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8)
                  : String.valueOf(value);
              for (String needle : needles) {
                if (text.contains(needle)) {
                  hits.add(column + ": " + needle);
                }
              }
            }
          }
        }
      }
    }
    return hits;
  }

  /** Hits as {@code path: needle} over every regular file below {@code root}. */
  public static List<String> scanFiles(Path root, String... needles) throws IOException {
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        for (String needle : needles) {
          if (text.contains(needle)) {
            hits.add(file + ": " + needle);
          }
        }
      }
    }
    return hits;
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> tables = new ArrayList<>();
    DatabaseMetaData meta = c.getMetaData();
    try (ResultSet rs = meta.getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    if (tables.isEmpty()) {
      throw new IllegalStateException("No tables in schema " + c.getSchema() + ": nothing to scan");
    }
    return tables;
  }
}
