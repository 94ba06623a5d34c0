package io.lethe.storage;

import static io.lethe.storage.AccountFields.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.db.StorageMigrations;
import io.lethe.storage.keys.CountingKeyProvider;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.KeyProviderContract;
import io.lethe.storage.keys.WrappedKey;
import io.lethe.storage.schema.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KEK rotation and the batched rewrap, on every database and every key provider. */
abstract class SubjectKeyRewrapContract {

  private static final Set<DataSource> MIGRATED = ConcurrentHashMap.newKeySet();

  protected KeyProvider keys;
  private PersonalDataStore store;

  protected abstract DataSource dataSource();

  protected abstract KeyProvider newKeys() throws Exception;

  @BeforeEach
  void freshTablesAndKeys() throws Exception {
    if (MIGRATED.add(dataSource())) {
      StorageMigrations.migrate(dataSource());
    }
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("DELETE FROM record_fields");
      s.execute("DELETE FROM blind_indexes");
      // Index keys are wrapped by the previous test's KEK; each test starts a new keyring.
      s.execute("DELETE FROM index_keys");
      s.execute("DELETE FROM records");
      s.execute("DELETE FROM subjects");
    }
    keys = newKeys();
    store = PersonalDataStore.create(Schema.defaultSchema(), keys);
  }

  @Test
  void rewrapAfterRotation_movesEveryKey_andDataStaysReadableAfterRetirement() throws Exception {
    List<UUID> records = subjectsWithRecords(7);
    keys.rotate();
    RewrapReport report = SubjectKeyRewrap.run(dataSource(), keys, 3);
    assertThat(report).isEqualTo(new RewrapReport(7, 7, 0, 2));
    assertThat(versions()).isEqualTo(Map.of(2, 7));
    keys.setMinDecryptionVersion(2);
    try (Connection c = dataSource().getConnection()) {
      for (UUID id : records) {
        assertThat(store.readRecord(c, id, "account-management", true).fields())
            .containsEntry("mobile", AccountFields.MOBILE);
      }
    }
  }

  @Test
  void afterRetirement_aKeyThatWasNotRewrapped_failsToUnwrap() throws Exception {
    List<UUID> records = subjectsWithRecords(2);
    WrappedKey old = storedKeys().get(0);
    keys.rotate();
    SubjectKeyRewrap.run(dataSource(), keys, 10);
    keys.setMinDecryptionVersion(2);
    assertThatThrownBy(() -> keys.unwrap(old)).isInstanceOfSatisfying(StorageException.class,
        e -> assertThat(e.code()).isEqualTo(StorageErrorCode.KEY_UNAVAILABLE));
    execute("UPDATE subjects SET wrapped_key = '" + old.ciphertext() + "', kek_version = 1");
    try (Connection c = dataSource().getConnection()) {
      assertThatThrownBy(() -> store.readRecord(c, records.get(0), "account-management", true))
          .isInstanceOf(StorageException.class);
    }
  }

  @Test
  void secondRun_findsNothingToDo() throws Exception {
    subjectsWithRecords(4);
    keys.rotate();
    SubjectKeyRewrap.run(dataSource(), keys, 2);
    assertThat(SubjectKeyRewrap.run(dataSource(), keys, 2)).isEqualTo(new RewrapReport(0, 0, 0, 2));
  }

  @Test
  void crashMidRun_losesAtMostOneBatch_andTheNextRunFinishes() throws Exception {
    subjectsWithRecords(10);
    keys.rotate();
    CountingKeyProvider crashing = new CountingKeyProvider(keys).failOnRewrapAllCall(3);
    assertThatThrownBy(() -> SubjectKeyRewrap.run(dataSource(), crashing, 3))
        .isInstanceOf(StorageException.class);
    assertThat(versions()).isEqualTo(Map.of(1, 4, 2, 6));
    assertThat(SubjectKeyRewrap.run(dataSource(), keys, 3)).isEqualTo(new RewrapReport(4, 4, 0, 2));
    assertThat(versions()).isEqualTo(Map.of(2, 10));
  }

  @Test
  void eachBatch_isOneRewrapAllCall() throws Exception {
    subjectsWithRecords(10);
    keys.rotate();
    CountingKeyProvider counting = new CountingKeyProvider(keys);
    SubjectKeyRewrap.run(dataSource(), counting, 4);
    assertThat(counting.rewrapAllCalls).hasValue(3);
  }

  @Test
  void rowsLockedByAnotherTransaction_areSkippedNotWaitedFor() throws Exception {
    subjectsWithRecords(3);
    keys.rotate();
    UUID first = firstSubjectId();
    try (Connection other = dataSource().getConnection()) {
      other.setAutoCommit(false);
      try (PreparedStatement ps = other.prepareStatement(
          "SELECT id FROM subjects WHERE id = ? FOR UPDATE")) {
        ps.setObject(1, first);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
        }
      }
      assertThat(SubjectKeyRewrap.run(dataSource(), keys, 10).rewrapped()).isEqualTo(2);
      assertThat(SubjectKeyRewrap.remaining(dataSource(), keys, 2)).isEqualTo(1);
      other.commit();
    }
    assertThat(SubjectKeyRewrap.run(dataSource(), keys, 10).rewrapped()).isEqualTo(1);
    assertThat(SubjectKeyRewrap.remaining(dataSource(), keys, 2)).isZero();
  }

  @Test
  void keyThatFailsToRewrap_isCountedAndLeftUnchanged() throws Exception {
    subjectsWithRecords(3);
    WrappedKey bad = KeyProviderContract.tampered(storedKeys().get(1));
    execute("UPDATE subjects SET wrapped_key = '" + bad.ciphertext() + "' WHERE wrapped_key = '"
        + storedKeys().get(1).ciphertext() + "'");
    keys.rotate();
    assertThat(SubjectKeyRewrap.run(dataSource(), keys, 2)).isEqualTo(new RewrapReport(3, 2, 1, 2));
    assertThat(storedKeys()).contains(bad);
  }

  private List<UUID> subjectsWithRecords(int n) throws SQLException {
    List<UUID> records = new ArrayList<>();
    try (Connection c = dataSource().getConnection()) {
      for (int i = 0; i < n; i++) {
        Subject s = store.createSubject(c);
        records.add(store.createRecord(c, s.id(), "account", anAccount().build()).id());
      }
    }
    return records;
  }

  /** Stored keys in id order. */
  private List<WrappedKey> storedKeys() throws SQLException {
    List<WrappedKey> out = new ArrayList<>();
    try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT kek_id, kek_version, wrapped_key FROM subjects ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new WrappedKey(rs.getString(1), rs.getInt(2), rs.getString(3)));
      }
    }
    return out;
  }

  private UUID firstSubjectId() throws SQLException {
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM subjects ORDER BY id FETCH FIRST 1 ROWS ONLY")) {
      rs.next();
      return rs.getObject(1, UUID.class);
    }
  }

  private Map<Integer, Integer> versions() throws SQLException {
    Map<Integer, Integer> counts = new TreeMap<>();
    storedKeys().forEach(k -> counts.merge(k.kekVersion(), 1, Integer::sum));
    return counts;
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
