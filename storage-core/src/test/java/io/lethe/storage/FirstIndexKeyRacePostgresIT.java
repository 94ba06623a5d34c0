package io.lethe.storage;

import static io.lethe.storage.AccountFields.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.storage.db.StorageMigrations;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.TestKeyrings;
import io.lethe.storage.schema.Schema;
import io.lethe.testsupport.postgres.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes write the first searchable record of a fresh database at the same time: both find no
 * blind index key and both create version 1. The second insert waits on the first one's row and
 * then collides with it; the second node must take the first one's key and carry on.
 */
class FirstIndexKeyRacePostgresIT {

  // A schema of its own: the race needs an index_keys table that no other test has filled.
  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();

  @TempDir static Path keyDir;

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void twoNodesCreatingTheFirstIndexKeyAtOnce_bothCommit_underOneKey() throws Exception {
    StorageMigrations.migrate(pg.dataSource());
    KeyProvider keys = TestKeyrings.fast(keyDir.resolve("keyring.lkr"));
    PersonalDataStore nodeA = PersonalDataStore.create(Schema.defaultSchema(), keys);
    PersonalDataStore nodeB = PersonalDataStore.create(Schema.defaultSchema(), keys);
    ExecutorService other = Executors.newSingleThreadExecutor();
    StoredRecord first;
    StoredRecord second;
    try (Connection a = pg.dataSource().getConnection();
        Connection b = pg.dataSource().getConnection()) {
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      first = nodeA.createRecord(a, nodeA.createSubject(a).id(), "account",
          anAccount().withMobile("13800000001").build());
      // Node A now holds version 1, not committed: node B sees no key and inserts its own.
      long pidB = backendPid(b);
      Future<StoredRecord> fromB = other.submit(() -> nodeB.createRecord(b,
          nodeB.createSubject(b).id(), "account", anAccount().withMobile("13800000002").build()));
      waitUntilWaitingOnALock(pidB);
      a.commit();
      second = fromB.get(60, TimeUnit.SECONDS);
      b.commit();
    } finally {
      other.shutdownNow();
    }

    try (Connection c = pg.dataSource().getConnection()) {
      assertThat(count(c, "SELECT COUNT(*) FROM index_keys")).isEqualTo(1);
      assertThat(nodeA.findByBlindIndex(c, "account", "mobile", "13800000002"))
          .containsExactly(new IndexHit(second.id(), second.subjectId()));
      assertThat(nodeB.findByBlindIndex(c, "account", "mobile", "13800000001"))
          .containsExactly(new IndexHit(first.id(), first.subjectId()));
    }
  }

  private static long backendPid(Connection c) throws Exception {
    return count(c, "SELECT pg_backend_pid()");
  }

  /** Polls the server's view of the other session: a state, not a duration, ends the wait. */
  private static void waitUntilWaitingOnALock(long pid) throws Exception {
    try (Connection c = pg.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(
            "SELECT wait_event_type FROM pg_stat_activity WHERE pid = ?")) {
      s.setLong(1, pid);
      while (true) {
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next() && "Lock".equals(rs.getString(1))) {
            return;
          }
        }
        Thread.sleep(20);
      }
    }
  }

  private static long count(Connection c, String sql) throws Exception {
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
