package io.lethe.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The leak scanner itself finds plaintext, so its empty result in the store tests means something. */
class TablesTest {

  @Test
  void scanFor_findsPlaintextInTextAndBinaryColumns() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:tables-" + UUID.randomUUID());
    try (Connection c = h2.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE leaky (id INTEGER, note VARCHAR(100), blob BYTEA)");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO leaky VALUES (1, ?, ?)")) {
        ps.setString(1, "name: 张三丰");
        ps.setBytes(2, ("\u0001mobile=13812345678").getBytes(StandardCharsets.UTF_8));
        ps.executeUpdate();
      }

      Tables.Scan scan = Tables.scanFor(c, "PUBLIC", List.of("张三丰", "13812345678"));

      assertThat(scan.hits()).containsExactlyInAnyOrder(
          new Tables.Hit("LEAKY", "NOTE"), new Tables.Hit("LEAKY", "BLOB"));
    }
  }
}
