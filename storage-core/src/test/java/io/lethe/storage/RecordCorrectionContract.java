package io.lethe.storage;

import static io.lethe.storage.AccountFields.anAccount;
import static io.lethe.storage.BlindIndexContract.uniqueMobile;
import static io.lethe.storage.PersonalDataStoreContract.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.crypto.FieldCipher;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Correcting and deleting records, with their blind indexes, on every supported database. */
abstract class RecordCorrectionContract {

  @TempDir
  static Path keyDir;

  private StoreFixture f;
  private PersonalDataStore store;

  protected abstract DataSource dataSource();

  @BeforeEach
  void open() throws SQLException {
    f = new StoreFixture(dataSource(), keyDir);
    store = f.store;
  }

  @AfterEach
  void close() throws SQLException {
    f.close();
  }

  @Test
  void correction_keepsTheId_changesTheValue_andMovesTheIndex() throws SQLException {
    String oldMobile = uniqueMobile();
    String newMobile = uniqueMobile();
    Subject subject = store.createSubject(f.c);
    StoredRecord stored = store.createRecord(f.c, subject.id(), "account",
        anAccount().withMobile(oldMobile).build());
    byte[] oldCiphertext = ciphertext(stored.id(), "mobile");

    RecordChange change = store.updateFields(f.c, stored.id(),
        Map.of("mobile", "+86 " + newMobile, "name", "张无忌"));

    assertThat(change.recordId()).isEqualTo(stored.id());
    assertThat(change.fields()).containsExactly("mobile", "name");
    assertThat(change.toString()).doesNotContain(newMobile).doesNotContain("张无忌");
    RecordView view = store.readRecord(f.c, stored.id(), "account-management", true);
    assertThat(view.fields()).containsEntry("mobile", newMobile).containsEntry("name", "张无忌")
        .containsEntry("idNumber", AccountFields.ID_NUMBER);
    assertThat(ciphertext(stored.id(), "mobile")).isNotEqualTo(oldCiphertext);
    assertThat(store.findByBlindIndex(f.c, "account", "mobile", oldMobile)).isEmpty();
    assertThat(store.findByBlindIndex(f.c, "account", "mobile", newMobile))
        .containsExactly(new IndexHit(stored.id(), subject.id()));
    assertThat(f.count("SELECT COUNT(*) FROM records WHERE id = ? AND updated_at > created_at",
        stored.id())).isEqualTo(1);
  }

  @Test
  void correction_withBlankOptionalField_removesIt_butRefusesToBlankARequiredOne() {
    Subject subject = store.createSubject(f.c);
    StoredRecord stored = store.createRecord(f.c, subject.id(), "account", anAccount().build());

    store.updateFields(f.c, stored.id(), Map.of("email", " "));
    assertThat(store.readRecord(f.c, stored.id(), "account-management", false).fields())
        .doesNotContainKey("email");

    assertFails(() -> store.updateFields(f.c, stored.id(), Map.of("mobile", "")),
        StorageErrorCode.FIELD_MISSING);
  }

  @Test
  void correction_withUnknownFieldOrBadValue_writesNothing() throws SQLException {
    String mobile = uniqueMobile();
    Subject subject = store.createSubject(f.c);
    StoredRecord stored = store.createRecord(f.c, subject.id(), "account",
        anAccount().withMobile(mobile).build());
    byte[] before = ciphertext(stored.id(), "mobile");

    Map<String, String> unknown = new HashMap<>(Map.of("mobile", uniqueMobile()));
    unknown.put("faceImage", "x");
    assertFails(() -> store.updateFields(f.c, stored.id(), unknown),
        StorageErrorCode.FIELD_UNKNOWN);
    assertFails(() -> store.updateFields(f.c, stored.id(),
        Map.of("mobile", uniqueMobile(), "idNumber", "110105194912310021")),
        StorageErrorCode.FIELD_INVALID);

    assertThat(ciphertext(stored.id(), "mobile")).isEqualTo(before);
    assertThat(store.findByBlindIndex(f.c, "account", "mobile", mobile)).hasSize(1);
  }

  @Test
  void correction_ofUnknownRecord_orOfASuspendedSubject_fails() {
    assertFails(() -> store.updateFields(f.c, UUID.randomUUID(), Map.of("name", "李四")),
        StorageErrorCode.RECORD_NOT_FOUND);
    Subject subject = store.createSubject(f.c);
    StoredRecord stored = store.createRecord(f.c, subject.id(), "account", anAccount().build());
    store.suspendSubject(f.c, subject.id());
    assertFails(() -> store.updateFields(f.c, stored.id(), Map.of("name", "李四")),
        StorageErrorCode.SUBJECT_SUSPENDED);
  }

  @Test
  void deletion_removesFieldsAndIndexRows_andTheRecordIsGoneForEveryone() throws SQLException {
    String mobile = uniqueMobile();
    Subject subject = store.createSubject(f.c);
    StoredRecord stored = store.createRecord(f.c, subject.id(), "account",
        anAccount().withMobile(mobile).build());

    RecordChange change = store.deleteRecord(f.c, stored.id());

    assertThat(change.fields()).contains("mobile", "idNumber", "name");
    assertThat(f.count("SELECT COUNT(*) FROM record_fields WHERE record_id = ?", stored.id()))
        .isZero();
    assertThat(f.count("SELECT COUNT(*) FROM blind_indexes WHERE record_id = ?", stored.id()))
        .isZero();
    assertThat(f.count("SELECT COUNT(*) FROM records WHERE id = ? AND state = 'DELETED'",
        stored.id())).isEqualTo(1);
    assertThat(store.findByBlindIndex(f.c, "account", "mobile", mobile)).isEmpty();
    assertFails(() -> store.readRecord(f.c, stored.id(), "account-management", false),
        StorageErrorCode.RECORD_NOT_FOUND);
    assertFails(() -> store.updateFields(f.c, stored.id(), Map.of("name", "李四")),
        StorageErrorCode.RECORD_NOT_FOUND);
    assertFails(() -> store.deleteRecord(f.c, stored.id()), StorageErrorCode.RECORD_NOT_FOUND);
  }

  @Test
  void correction_ofARecordStoredInFormatV1_writesV2_andLeavesTheOtherFieldsReadable()
      throws SQLException {
    Subject subject = store.createSubject(f.c);
    StoredRecord stored = store.createRecord(f.c, subject.id(), "account", anAccount().build());
    StoredFields.rewriteAsV1(f.c, f.keys, stored.id());

    store.updateFields(f.c, stored.id(), Map.of("name", "张无忌"));

    Map<String, byte[]> fields = StoredFields.of(f.c, stored.id());
    assertThat(fields.get("name")[0]).isEqualTo(FieldCipher.FORMAT_V2);
    assertThat(fields.get("idNumber")[0]).isEqualTo(FieldCipher.FORMAT_V1);
    assertThat(store.readRecord(f.c, stored.id(), "account-management", true).fields())
        .containsEntry("name", "张无忌").containsEntry("idNumber", AccountFields.ID_NUMBER);
  }

  @Test
  void deletion_ofASuspendedSubjectsRecord_isAllowed() {
    Subject subject = store.createSubject(f.c);
    StoredRecord stored = store.createRecord(f.c, subject.id(), "account", anAccount().build());
    store.suspendSubject(f.c, subject.id());
    assertThat(store.deleteRecord(f.c, stored.id()).recordId()).isEqualTo(stored.id());
  }

  @Test
  void deletionOfASet_removesEachOnesFieldsAndIndexRows_andNothingOfOtherRecords()
      throws SQLException {
    String mobile = uniqueMobile();
    Subject subject = store.createSubject(f.c);
    StoredRecord a = store.createRecord(f.c, subject.id(), "account",
        anAccount().withMobile(mobile).build());
    StoredRecord b = store.createRecord(f.c, store.createSubject(f.c).id(), "account",
        anAccount().build());
    StoredRecord kept = store.createRecord(f.c, subject.id(), "account", anAccount().build());

    assertThat(store.deleteRecords(f.c, List.of(a.id(), b.id(), a.id()))).isEqualTo(2);

    for (UUID id : List.of(a.id(), b.id())) {
      assertThat(f.count("SELECT COUNT(*) FROM record_fields WHERE record_id = ?", id)).isZero();
      assertThat(f.count("SELECT COUNT(*) FROM blind_indexes WHERE record_id = ?", id)).isZero();
      assertThat(f.count("SELECT COUNT(*) FROM records WHERE id = ? AND state = 'DELETED'", id))
          .isEqualTo(1);
    }
    assertThat(store.findByBlindIndex(f.c, "account", "mobile", mobile)).isEmpty();
    assertThat(f.count("SELECT COUNT(*) FROM blind_indexes WHERE record_id = ?", kept.id()))
        .isPositive();
    assertThat(store.readRecord(f.c, kept.id(), "account-management", false).fields())
        .isNotEmpty();
    assertThat(store.deleteRecords(f.c, List.of())).isZero();
  }

  @Test
  void deletionOfASet_withOneRecordNotActive_failsNamingNone_andARollbackKeepsTheOthers()
      throws SQLException {
    Subject subject = store.createSubject(f.c);
    StoredRecord live = store.createRecord(f.c, subject.id(), "account", anAccount().build());
    StoredRecord gone = store.createRecord(f.c, subject.id(), "account", anAccount().build());
    store.deleteRecord(f.c, gone.id());
    Savepoint before = f.c.setSavepoint();

    assertThatThrownBy(() -> store.deleteRecords(f.c, List.of(live.id(), gone.id())))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.code()).isEqualTo(StorageErrorCode.RECORD_NOT_FOUND);
          assertThat(e.getMessage()).doesNotContain(live.id().toString())
              .doesNotContain(gone.id().toString());
        });
    f.c.rollback(before);

    assertThat(f.count("SELECT COUNT(*) FROM records WHERE id = ? AND state = 'ACTIVE'",
        live.id())).isEqualTo(1);
    assertThat(store.readRecord(f.c, live.id(), "account-management", false).fields())
        .isNotEmpty();
  }

  private byte[] ciphertext(UUID recordId, String field) throws SQLException {
    try (var ps = f.c.prepareStatement(
        "SELECT ciphertext FROM record_fields WHERE record_id = ? AND name = ?")) {
      ps.setObject(1, recordId);
      ps.setString(2, field);
      try (var rs = ps.executeQuery()) {
        return rs.next() ? rs.getBytes(1) : null;
      }
    }
  }
}
