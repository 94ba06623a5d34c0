package io.lethe.storage;

import static io.lethe.storage.AccountFields.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.crypto.FieldCipher;
import io.lethe.storage.db.StorageMigrations;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.TestKeyrings;
import io.lethe.storage.schema.Schema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facade scenario the server relies on, run against every database Lethe supports: H2 for
 * the embedded default ({@code PersonalDataStoreH2Test}) and PostgreSQL
 * ({@code PersonalDataStorePostgresIT}).
 */
abstract class PersonalDataStoreContract {

  /**
   * One keyring per class: the blind index keys in the class's database are wrapped by it, and
   * every test must be able to unwrap them.
   */
  @TempDir
  static Path keyDir;

  protected KeyProvider keys;
  protected PersonalDataStore store;
  protected Connection c;

  protected abstract DataSource dataSource();

  /** The database schema the tables live in, as the JDBC metadata names it. */
  protected abstract String schemaName();

  private static final Set<DataSource> MIGRATED = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void openTransaction() throws SQLException {
    if (MIGRATED.add(dataSource())) {
      StorageMigrations.migrate(dataSource());
    }
    keys = TestKeyrings.fast(keyDir.resolve("keyring.lkr"));
    store = PersonalDataStore.create(Schema.defaultSchema(), keys);
    c = dataSource().getConnection();
    c.setAutoCommit(false);
  }

  @AfterEach
  void commitAndClose() throws SQLException {
    c.commit();
    c.close();
  }

  @Test
  void createSubject_storesAnActiveSubjectWithItsWrappedKey() throws SQLException {
    Subject subject = store.createSubject(c);
    assertThat(subject.status()).isEqualTo(SubjectStatus.ACTIVE);
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT wrapped_key, kek_id, kek_version FROM subjects WHERE id = ?")) {
      ps.setObject(1, subject.id());
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        // The class shares one keyring, which another test may have rotated.
        assertThat(rs.getString("wrapped_key"))
            .startsWith("lethe-kr:v" + keys.currentVersion() + ":");
        assertThat(rs.getString("kek_id")).startsWith("local-");
        assertThat(rs.getInt("kek_version")).isEqualTo(keys.currentVersion());
      }
    }
  }

  @Test
  void readRecord_forAccountManagement_returnsEveryFieldMasked() {
    Subject subject = store.createSubject(c);
    StoredRecord stored = store.createRecord(c, subject.id(), "account", anAccount().build());

    RecordView view = store.readRecord(c, stored.id(), "account-management", false);

    assertThat(view.id()).isEqualTo(stored.id());
    assertThat(view.subjectId()).isEqualTo(subject.id());
    assertThat(view.type()).isEqualTo("account");
    assertThat(view.createdAt()).isEqualTo(stored.createdAt());
    assertThat(view.withheldFields()).isEmpty();
    assertThat(view.fields().keySet())
        .containsExactly("idType", "idNumber", "name", "mobile", "province", "city", "email");
    assertThat(view.fields()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "idType", "resident-id-card", "idNumber", "110***********002X", "name", "张**",
        "mobile", "138****5678", "province", "北京市", "city", "北京市",
        "email", "z***@example.com"));
  }

  @Test
  void readRecord_plain_returnsTheNormalizedValues() {
    Subject subject = store.createSubject(c);
    StoredRecord stored = store.createRecord(c, subject.id(), "account",
        anAccount().withMobile("+86 138-1234-5678").withIdNumber("11010519491231002x").build());

    RecordView view = store.readRecord(c, stored.id(), "identity-verification", true);

    assertThat(view.fields()).containsEntry("mobile", "13812345678")
        .containsEntry("idNumber", "11010519491231002X").containsEntry("name", "张三丰");
  }

  @Test
  void readRecord_forStatistics_withholdsEveryFieldNotOpenToIt() {
    Subject subject = store.createSubject(c);
    StoredRecord stored = store.createRecord(c, subject.id(), "account", anAccount().build());

    RecordView view = store.readRecord(c, stored.id(), "statistics", true);

    assertThat(view.fields()).containsOnlyKeys("province", "city");
    assertThat(view.withheldFields())
        .containsExactly("email", "idNumber", "idType", "mobile", "name");
    assertThat(view.toString()).doesNotContain("北京市");
  }

  @Test
  void createRecord_withoutOptionalFields_storesOnlyThoseGiven() {
    Subject subject = store.createSubject(c);
    StoredRecord stored = store.createRecord(c, subject.id(), "account",
        anAccount().without("email").with("province", "  ").build());

    assertThat(store.readRecord(c, stored.id(), "account-management", false).fields())
        .doesNotContainKeys("email", "province").containsKey("city");
  }

  @Test
  void readRecord_withUnknownPurpose_fails() {
    Subject subject = store.createSubject(c);
    StoredRecord stored = store.createRecord(c, subject.id(), "account", anAccount().build());
    assertFails(() -> store.readRecord(c, stored.id(), "marketing", false),
        StorageErrorCode.PURPOSE_UNKNOWN);
  }

  @Test
  void readRecord_ofUnknownId_failsWithNotFound() {
    assertFails(() -> store.readRecord(c, UUID.randomUUID(), "account-management", false),
        StorageErrorCode.RECORD_NOT_FOUND);
  }

  @Test
  void createRecord_ofUnknownType_failsAndWritesNothing() throws SQLException {
    Subject subject = store.createSubject(c);
    assertFails(() -> store.createRecord(c, subject.id(), "spaceship", anAccount().build()),
        StorageErrorCode.RECORD_TYPE_UNKNOWN);
    assertThat(recordCount(subject.id())).isZero();
  }

  @Test
  void createRecord_withUnknownField_failsAndWritesNothing() throws SQLException {
    Subject subject = store.createSubject(c);
    assertFails(() -> store.createRecord(c, subject.id(), "account",
        anAccount().with("faceImage", "base64...").build()), StorageErrorCode.FIELD_UNKNOWN);
    assertThat(recordCount(subject.id())).isZero();
  }

  @Test
  void createRecord_withoutRequiredField_failsAndWritesNothing() throws SQLException {
    Subject subject = store.createSubject(c);
    assertFails(() -> store.createRecord(c, subject.id(), "account",
        anAccount().without("mobile").build()), StorageErrorCode.FIELD_MISSING);
    assertThat(recordCount(subject.id())).isZero();
  }

  @Test
  void createRecord_withInvalidIdNumber_failsNamingTheFieldNotTheValue() throws SQLException {
    Subject subject = store.createSubject(c);
    String badId = "110105194912310021";
    assertThatThrownBy(() -> store.createRecord(c, subject.id(), "account",
        anAccount().withIdNumber(badId).build()))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.code()).isEqualTo(StorageErrorCode.FIELD_INVALID);
          assertThat(e.getMessage()).contains("idNumber").doesNotContain(badId);
        });
    assertThat(recordCount(subject.id())).isZero();
  }

  @Test
  void createRecord_forUnknownSubject_fails() {
    assertFails(() -> store.createRecord(c, UUID.randomUUID(), "account", anAccount().build()),
        StorageErrorCode.SUBJECT_NOT_FOUND);
  }

  @Test
  void suspendedSubject_isReadForLegalObligationOnly() {
    Subject subject = store.createSubject(c);
    StoredRecord stored = store.createRecord(c, subject.id(), "account", anAccount().build());
    store.suspendSubject(c, subject.id());

    assertThat(store.readRecord(c, stored.id(), "legal-obligation", true).id())
        .isEqualTo(stored.id());
    assertThat(store.readAllRecords(c, subject.id(), "legal-obligation")).hasSize(1);
    assertFails(() -> store.readAllRecords(c, subject.id(), "data-subject-request"),
        StorageErrorCode.SUBJECT_SUSPENDED);
  }

  @Test
  void readAllRecords_decryptsEveryFieldOfEveryLiveRecord_whateverThePurposeOpens() {
    Subject subject = store.createSubject(c);
    Map<String, String> fields = anAccount().build();
    StoredRecord kept = store.createRecord(c, subject.id(), "account", fields);
    StoredRecord deleted = store.createRecord(c, subject.id(), "account", fields);
    store.deleteRecord(c, deleted.id());
    store.createRecord(c, store.createSubject(c).id(), "account", fields);

    List<RecordView> all = store.readAllRecords(c, subject.id(), "data-subject-request");

    assertThat(all).extracting(RecordView::id).containsExactly(kept.id());
    assertThat(all.get(0).withheldFields()).isEmpty();
    assertThat(all.get(0).fields()).containsEntry("mobile", "13812345678")
        .containsOnlyKeys(fields.keySet());
    assertFails(() -> store.readAllRecords(c, subject.id(), "no-such-purpose"),
        StorageErrorCode.PURPOSE_UNKNOWN);
    assertFails(() -> store.readAllRecords(c, UUID.randomUUID(), "data-subject-request"),
        StorageErrorCode.SUBJECT_NOT_FOUND);
  }

  @Test
  void suspendedSubject_isNeitherReadNorWritten_untilResumed() {
    Subject subject = store.createSubject(c);
    StoredRecord stored = store.createRecord(c, subject.id(), "account", anAccount().build());

    assertThat(store.suspendSubject(c, subject.id()).status()).isEqualTo(SubjectStatus.SUSPENDED);
    assertFails(() -> store.readRecord(c, stored.id(), "account-management", false),
        StorageErrorCode.SUBJECT_SUSPENDED);
    assertFails(() -> store.createRecord(c, subject.id(), "account", anAccount().build()),
        StorageErrorCode.SUBJECT_SUSPENDED);

    store.resumeSubject(c, subject.id());
    assertThat(store.readRecord(c, stored.id(), "account-management", false).fields())
        .containsEntry("mobile", "138****5678");
  }

  @Test
  void describeSubject_countsLiveRecords_andNeverShowsValues() throws SQLException {
    Subject subject = store.createSubject(c);
    StoredRecord first = store.createRecord(c, subject.id(), "account", anAccount().build());
    store.createRecord(c, subject.id(), "account", anAccount().withMobile("13987654321").build());
    store.deleteRecord(c, first.id());

    SubjectSummary summary = store.describeSubject(c, subject.id());
    assertThat(summary.status()).isEqualTo(SubjectStatus.ACTIVE);
    assertThat(summary.records()).isEqualTo(1);
    assertThat(summary.objects()).isZero();
    assertThat(summary.toString()).doesNotContain("13987654321");
    assertFails(() -> store.describeSubject(c, java.util.UUID.randomUUID()),
        StorageErrorCode.SUBJECT_NOT_FOUND);
  }

  @Test
  void erasedSubject_losesItsKey_andCanNeverBeReadOrChangedAgain() throws SQLException {
    Subject subject = store.createSubject(c);
    StoredRecord stored = store.createRecord(c, subject.id(), "account", anAccount().build());

    store.eraseSubject(c, subject.id());

    assertFails(() -> store.readRecord(c, stored.id(), "data-subject-request", true),
        StorageErrorCode.SUBJECT_ERASED);
    assertFails(() -> store.resumeSubject(c, subject.id()), StorageErrorCode.SUBJECT_ERASED);
    assertFails(() -> store.updateFields(c, stored.id(), Map.of("name", "李四")),
        StorageErrorCode.SUBJECT_ERASED);
    assertFails(() -> store.deleteRecord(c, stored.id()), StorageErrorCode.SUBJECT_ERASED);
    assertFails(() -> store.suspendSubject(c, subject.id()), StorageErrorCode.SUBJECT_ERASED);
    assertFails(() -> store.readAllRecords(c, subject.id(), "legal-obligation"),
        StorageErrorCode.SUBJECT_ERASED);
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT wrapped_key FROM subjects WHERE id = ?")) {
      ps.setObject(1, subject.id());
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isNull();
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM record_fields WHERE record_id = ?")) {
      ps.setObject(1, stored.id());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).as("the ciphertext is purged with the key").isZero();
      }
    }
  }

  @Test
  void ciphertextCopiedIntoAnotherRecord_failsToDecrypt() throws SQLException {
    Subject subject = store.createSubject(c);
    StoredRecord a = store.createRecord(c, subject.id(), "account", anAccount().build());
    StoredRecord b = store.createRecord(c, subject.id(), "account",
        anAccount().withMobile("13987654321").build());
    try (PreparedStatement ps = c.prepareStatement("UPDATE record_fields SET ciphertext ="
        + " (SELECT ciphertext FROM record_fields WHERE record_id = ? AND name = 'mobile')"
        + " WHERE record_id = ? AND name = 'mobile'")) {
      ps.setObject(1, a.id());
      ps.setObject(2, b.id());
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    assertFails(() -> store.readRecord(c, b.id(), "account-management", true),
        StorageErrorCode.DECRYPT_FAILED);
  }

  @Test
  void fields_areStoredInFormatV2() throws SQLException {
    Subject subject = store.createSubject(c);
    StoredRecord stored = store.createRecord(c, subject.id(), "account", anAccount().build());
    assertThat(StoredFields.of(c, stored.id()).values()).isNotEmpty()
        .allSatisfy(ciphertext -> assertThat(ciphertext[0]).isEqualTo(FieldCipher.FORMAT_V2));
  }

  @Test
  void recordStoredInFormatV1_remainsReadable() throws SQLException {
    Subject subject = store.createSubject(c);
    Map<String, String> fields = anAccount().build();
    StoredRecord stored = store.createRecord(c, subject.id(), "account", fields);
    StoredFields.rewriteAsV1(c, keys, stored.id());
    assertThat(StoredFields.of(c, stored.id()).values()).isNotEmpty()
        .allSatisfy(ciphertext -> assertThat(ciphertext[0]).isEqualTo(FieldCipher.FORMAT_V1));

    assertThat(store.readRecord(c, stored.id(), "account-management", true).fields())
        .containsAllEntriesOf(fields).containsOnlyKeys(fields.keySet());
    assertThat(store.readAllRecords(c, subject.id(), "data-subject-request").get(0).fields())
        .containsAllEntriesOf(fields);
  }

  @Test
  void recordsWrittenBeforeKekRotation_remainReadable() {
    Subject subject = store.createSubject(c);
    StoredRecord stored = store.createRecord(c, subject.id(), "account", anAccount().build());
    keys.rotate();
    assertThat(store.readRecord(c, stored.id(), "account-management", true).fields())
        .containsEntry("idNumber", AccountFields.ID_NUMBER);
  }

  @Test
  void rollbackOfTheCallersTransaction_removesTheRecord() throws SQLException {
    Subject subject = store.createSubject(c);
    c.commit();
    StoredRecord stored = store.createRecord(c, subject.id(), "account", anAccount().build());
    c.rollback();
    assertFails(() -> store.readRecord(c, stored.id(), "account-management", false),
        StorageErrorCode.RECORD_NOT_FOUND);
  }

  @Test
  void noColumnOfAnyTable_containsAStoredPlaintext() throws SQLException {
    Subject subject = store.createSubject(c);
    store.createRecord(c, subject.id(), "account", anAccount().build());
    c.commit();

    List<String> plaintexts = List.of(AccountFields.ID_NUMBER, AccountFields.MOBILE,
        AccountFields.NAME, AccountFields.EMAIL, "resident-id-card", "北京市");
    Tables.Scan scan = Tables.scanFor(c, schemaName(), plaintexts);

    assertThat(scan.tables()).map(String::toLowerCase)
        .contains("subjects", "records", "record_fields", "blind_indexes");
    assertThat(scan.cells()).isGreaterThan(20);
    assertThat(scan.hits()).isEmpty();
  }

  private long recordCount(UUID subjectId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM records WHERE subject_id = ?")) {
      ps.setObject(1, subjectId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static void assertFails(ThrowingCallable call, StorageErrorCode code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StorageException.class,
        e -> assertThat(e.code()).isEqualTo(code));
  }
}
