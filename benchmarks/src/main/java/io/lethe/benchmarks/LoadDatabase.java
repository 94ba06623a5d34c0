package io.lethe.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lethe.audit.outbox.AuditMigrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * The database of one load run: a fresh PostgreSQL schema (dropped on close) or an H2 file
 * database in a temporary folder (deleted on close), with the audit tables and a table of
 * records for the accesses to read. Connections come from a Hikari pool, as in the server.
 */
final class LoadDatabase implements AutoCloseable {

  /** A stored record an access reads (its row also holds stand-in ciphertext). */
  record StoredRecord(UUID id, UUID subjectId) {}

  private static final int RECORDS = 10_000;

  private final LoadOptions options;
  private final String schema;
  private final Path h2Directory;
  private final HikariDataSource pool;
  private final List<StoredRecord> records = new ArrayList<>();

  private LoadDatabase(LoadOptions options, String schema, Path h2Directory, HikariDataSource pool) {
    this.options = options;
    this.schema = schema;
    this.h2Directory = h2Directory;
    this.pool = pool;
  }

  static LoadDatabase open(LoadOptions options, int connections) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(connections);
    config.setMinimumIdle(connections);
    String schema = null;
    Path h2 = null;
    if (options.db().equals("postgres")) {
      schema = "auditload_" + UUID.randomUUID().toString().substring(0, 8);
      try (Connection c = DriverManager.getConnection(options.jdbcUrl(), options.jdbcUser(), "");
          Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      }
      config.setJdbcUrl(options.jdbcUrl());
      config.setUsername(options.jdbcUser());
      config.setSchema(schema);
      // As the server on PostgreSQL: a group commit's batch goes out as multi-row inserts.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    } else {
      h2 = Files.createTempDirectory("lethe-auditload-h2-");
      config.setJdbcUrl("jdbc:h2:file:" + h2.resolve("load").toAbsolutePath());
    }
    LoadDatabase db = new LoadDatabase(options, schema, h2, new HikariDataSource(config));
    AuditMigrations.migrate(db.pool);
    db.createRecords();
    return db;
  }

  DataSource dataSource() {
    return pool;
  }

  StoredRecord anyRecord() {
    return records.get(ThreadLocalRandom.current().nextInt(records.size()));
  }

  private void createRecords() throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE load_records (id VARCHAR(36) PRIMARY KEY, "
            + "subject_id VARCHAR(36) NOT NULL, record_type VARCHAR(32) NOT NULL, "
            + "ciphertext VARBINARY(256) NOT NULL)".replace("VARBINARY(256)",
                options.db().equals("postgres") ? "BYTEA" : "VARBINARY(256)"));
      }
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO load_records (id, subject_id, record_type, ciphertext) VALUES (?, ?, ?, ?)")) {
        byte[] ciphertext = new byte[180];
        for (int i = 0; i < RECORDS; i++) {
          StoredRecord r = new StoredRecord(UUID.randomUUID(), UUID.randomUUID());
          ThreadLocalRandom.current().nextBytes(ciphertext);
          insert.setString(1, r.id().toString());
          insert.setString(2, r.subjectId().toString());
          insert.setString(3, "identity");
          insert.setBytes(4, ciphertext);
          insert.addBatch();
          records.add(r);
        }
        insert.executeBatch();
      }
      c.commit();
    }
  }

  @Override
  public void close() throws Exception {
    pool.close();
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(options.jdbcUrl(), options.jdbcUser(), "");
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    if (h2Directory != null) {
      try (var paths = Files.walk(h2Directory)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
