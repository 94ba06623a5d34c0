package io.lethe.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

class PostgresBatchInsertsTest {

  @Test
  void aPostgresPool_sendsBatchedInsertsAsMultiRowInserts() {
    HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:5432/lethe");

    new PostgresBatchInserts().postProcessAfterInitialization(pool, "dataSource");

    assertThat(pool.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "true");
  }

  @Test
  void otherDatabases_andAnExplicitSetting_areLeftAlone() {
    HikariDataSource h2 = pool("jdbc:h2:file:/tmp/lethe/db/lethe;DB_CLOSE_ON_EXIT=FALSE");
    HikariDataSource explicit = pool(
        "jdbc:postgresql://127.0.0.1:5432/lethe?reWriteBatchedInserts=false");

    new PostgresBatchInserts().postProcessAfterInitialization(h2, "dataSource");
    new PostgresBatchInserts().postProcessAfterInitialization(explicit, "dataSource");

    assertThat(h2.getDataSourceProperties()).doesNotContainKey("reWriteBatchedInserts");
    assertThat(explicit.getDataSourceProperties()).doesNotContainKey("reWriteBatchedInserts");
  }

  private static HikariDataSource pool(String url) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    return pool;
  }
}
