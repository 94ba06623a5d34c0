package io.lethe.audit.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.audit.chain.ChainFloor;
import io.lethe.audit.outbox.AuditMigrations;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The embedded default keeps the floor on H2: the same SQL must work there. */
class ChainFloorStoreH2Test {

  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final String C = "c".repeat(64);

  @Test
  void theFloorAndItsKeptLinks_areReadAsSaved_andReplacedByTheNextFloor() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    AuditMigrations.migrate(ds);
    ChainFloorStore store = new ChainFloorStore(ds);
    assertThat(store.current()).isEqualTo(ChainFloor.START);

    ChainFloor first = new ChainFloor(1002, A, new TreeMap<>(Map.of(998L, B, 1000L, C)));
    save(store, ds, first);
    assertThat(store.current()).isEqualTo(first);

    ChainFloor second = new ChainFloor(2001, B);
    save(store, ds, second);
    assertThat(store.current()).isEqualTo(second);
    assertThat(store.current().keptBelow()).isEmpty();
  }

  @Test
  void aFloorRecordedBeforeKeptLinksWere_saysSo_untilTheNextFloorIsSaved() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    AuditMigrations.migrate(ds);
    ChainFloorStore store = new ChainFloorStore(ds);
    assertThat(store.recordsKeptLinks()).as("nothing dropped, nothing below").isTrue();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO audit_chain_floor (id, seq, prev, dropped_at) "
          + "VALUES (1, 5, '" + A + "', CURRENT_TIMESTAMP)");
    }
    assertThat(store.recordsKeptLinks()).isFalse();
    assertThat(store.current()).isEqualTo(new ChainFloor(5, A));

    save(store, ds, new ChainFloor(7, B));
    assertThat(store.recordsKeptLinks()).isTrue();
  }

  private static void save(ChainFloorStore store, JdbcDataSource ds, ChainFloor floor)
      throws Exception {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      store.save(c, floor, Instant.parse("2026-12-15T00:00:00Z"));
      c.commit();
    }
  }
}
