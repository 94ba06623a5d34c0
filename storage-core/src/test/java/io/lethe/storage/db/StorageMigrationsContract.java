package io.lethe.storage.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The same migrations on every supported database; each subclass gives an empty schema. */
abstract class StorageMigrationsContract {

  protected abstract DataSource dataSource();

  protected abstract String schemaName();

  @Test
  void migrate_intoASchemaHoldingAnotherModulesTables_createsAllTablesOnce() throws SQLException {
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE other_module_outbox (id BIGINT PRIMARY KEY)");
    }

    // Every migration script runs (V1, V2, V3, ...); their number grows with the features.
    assertThat(StorageMigrations.migrate(dataSource())).isGreaterThanOrEqualTo(2);
    assertThat(StorageMigrations.migrate(dataSource())).isZero();

    assertThat(tables()).contains("subjects", "records", "record_fields", "blind_indexes",
        "index_keys", "objects",
        StorageMigrations.HISTORY_TABLE, "other_module_outbox");
  }

  private List<String> tables() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = dataSource().getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      try (ResultSet rs = meta.getTables(null, schemaName(), "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
        }
      }
    }
    return names;
  }
}
