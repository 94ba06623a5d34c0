package io.lethe.storage;

import static io.lethe.storage.AccountFields.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.db.StorageMigrations;
import io.lethe.storage.keys.TestKeyrings;
import io.lethe.storage.schema.Schema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each record's expiry is written with the record, together with the policy version that
 * computed it; run on H2 ({@code RecordExpiryH2Test}) and PostgreSQL
 * ({@code RecordExpiryPostgresIT}).
 */
abstract class RecordExpiryContract {

  static final String VERSION = "2026-03";

  /** Device logs for six months from creation; accounts wait for their closure. */
  static final RecordExpiry SIX_MONTHS_FOR_DEVICE_LOGS = (retentionClass, createdAt) ->
      retentionClass.equals("account-lifetime") ? Optional.empty()
          : Optional.of(new Expiry(createdAt.plus(Duration.ofDays(180)), VERSION, createdAt,
              "record-created"));

  private static final Set<DataSource> MIGRATED = ConcurrentHashMap.newKeySet();

  @TempDir
  static Path keyDir;

  private PersonalDataStore store;
  private Connection c;

  protected abstract DataSource dataSource();

  @BeforeEach
  void openTransaction() throws SQLException {
    if (MIGRATED.add(dataSource())) {
      StorageMigrations.migrate(dataSource());
    }
    store = PersonalDataStore.create(Schema.defaultSchema(),
        TestKeyrings.fast(keyDir.resolve("k.lkr")), BlindIndexSettings.defaults(),
        SIX_MONTHS_FOR_DEVICE_LOGS);
    c = dataSource().getConnection();
    c.setAutoCommit(false);
  }

  @AfterEach
  void rollBackAndClose() throws SQLException {
    c.rollback();
    c.close();
  }

  @Test
  void createRecord_storesTheExpiry_andThePolicyVersionThatComputedIt() throws SQLException {
    Subject subject = store.createSubject(c);
    StoredRecord log = store.createRecord(c, subject.id(), "device-log", aDeviceLog());

    Instant expected = log.createdAt().plus(Duration.ofDays(180));
    assertThat(log.expiry()).contains(new Expiry(expected, VERSION, log.createdAt(),
        "record-created"));
    assertThat(stored(log.id())).isEqualTo(new Stored(expected, VERSION, log.createdAt(),
        "record-created"));
    RecordView read = store.readRecord(c, log.id(), "security-risk-control", false);
    assertThat(read.expiresAt()).contains(expected);
    assertThat(read.policyVersion()).contains(VERSION);
    assertThat(store.readAllRecords(c, subject.id(), "data-subject-request"))
        .singleElement().satisfies(v -> assertThat(v.policyVersion()).contains(VERSION));
  }

  @Test
  void aRecordWaitingForItsTrigger_hasNeitherExpiryNorPolicyVersion() throws SQLException {
    Subject subject = store.createSubject(c);
    StoredRecord account = store.createRecord(c, subject.id(), "account", anAccount().build());

    assertThat(account.expiresAt()).isEmpty();
    assertThat(account.policyVersion()).isEmpty();
    assertThat(stored(account.id())).isEqualTo(Stored.NONE);
    RecordView read = store.readRecord(c, account.id(), "account-management", false);
    assertThat(read.expiresAt()).isEmpty();
    assertThat(read.policyVersion()).isEmpty();
  }

  @Test
  void erasure_clearsTheVersionWithTheExpiry() throws SQLException {
    Subject subject = store.createSubject(c);
    StoredRecord log = store.createRecord(c, subject.id(), "device-log", aDeviceLog());

    store.eraseSubject(c, subject.id());

    assertThat(stored(log.id())).isEqualTo(Stored.NONE);
  }

  @Test
  void theDatabase_refusesAStartWithoutAnExpiry() throws SQLException {
    assertUndatedAccountRefuses("UPDATE records SET expiry_from = CURRENT_TIMESTAMP,"
        + " expiry_event = 'subject-closed' WHERE id = ?", "records_expiry_from_ck");
  }

  @Test
  void anExpiry_neverComesBeforeItsStart() {
    Instant at = Instant.parse("2026-12-01T00:00:00Z");
    assertThatThrownBy(() -> new Expiry(at, VERSION, at.plusSeconds(1), "record-created"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDatabase_refusesAPolicyVersionWithoutAnExpiry() throws SQLException {
    assertUndatedAccountRefuses("UPDATE records SET policy_version = 'v' WHERE id = ?",
        "records_policy_version_ck");
  }

  /** {@code update} (with the record id as its parameter) breaks {@code constraint}. */
  private void assertUndatedAccountRefuses(String update, String constraint)
      throws SQLException {
    Subject subject = store.createSubject(c);
    StoredRecord account = store.createRecord(c, subject.id(), "account", anAccount().build());

    assertThatThrownBy(() -> {
      try (PreparedStatement ps = c.prepareStatement(update)) {
        ps.setObject(1, account.id());
        ps.executeUpdate();
      }
    }).isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase(constraint));
  }

  @Test
  void noExpiry_isTheDefault() {
    assertThat(RecordExpiry.none().onCreate("service-record", Instant.EPOCH)).isEmpty();
  }

  private static Map<String, String> aDeviceLog() {
    return Map.of("loggedAt", "2026-11-23T10:00:00+08:00", "deviceModel", "Mate 60");
  }

  /** The four columns that date a record. */
  private record Stored(Instant expiresAt, String policyVersion, Instant from, String event) {
    static final Stored NONE = new Stored(null, null, null, null);
  }

  private Stored stored(UUID recordId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT expires_at, policy_version,"
        + " expiry_from, expiry_event FROM records WHERE id = ?")) {
      ps.setObject(1, recordId);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return new Stored(instant(rs, 1), rs.getString(2), instant(rs, 3), rs.getString(4));
      }
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }
}
