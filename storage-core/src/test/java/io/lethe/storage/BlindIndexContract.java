package io.lethe.storage;

import static io.lethe.storage.AccountFields.anAccount;
import static io.lethe.storage.PersonalDataStoreContract.assertFails;
import static io.lethe.storage.VehicleFields.aVehicle;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding records by blind index, on every supported database. */
abstract class BlindIndexContract {

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
  void findByMobile_inAnyNotation_findsTheNormalizedRecord() {
    String mobile = uniqueMobile();
    Subject subject = store.createSubject(f.c);
    StoredRecord stored = store.createRecord(f.c, subject.id(), "account",
        anAccount().withMobile(mobile).build());
    String spaced = "+86 " + mobile.substring(0, 3) + " " + mobile.substring(3, 7) + " "
        + mobile.substring(7);

    for (String query : List.of(mobile, spaced, "0086-" + mobile)) {
      assertThat(store.findByBlindIndex(f.c, "account", "mobile", query)).as(query)
          .containsExactly(new IndexHit(stored.id(), subject.id()));
    }
  }

  @Test
  void findByIdNumber_withLowerCaseX_findsTheRecord() {
    Subject subject = store.createSubject(f.c);
    StoredRecord stored = store.createRecord(f.c, subject.id(), "account",
        anAccount().withMobile(uniqueMobile()).build());
    assertThat(store.findByBlindIndex(f.c, "account", "idNumber", " 11010519491231002x "))
        .contains(new IndexHit(stored.id(), subject.id()));
  }

  @Test
  void findByPlateAndVin_findsTheVehicle_butNotAnotherTypesField() {
    Subject subject = store.createSubject(f.c);
    String plate = "粤B" + (10000 + (int) (Math.random() * 89999));
    StoredRecord vehicle = store.createRecord(f.c, subject.id(), "vehicle",
        aVehicle().withPlate(plate).build());

    assertThat(store.findByBlindIndex(f.c, "vehicle", "plate",
        plate.substring(0, 2).toLowerCase() + "·" + plate.substring(2)))
        .containsExactly(new IndexHit(vehicle.id(), subject.id()));
    assertThat(store.findByBlindIndex(f.c, "vehicle", "vin", VehicleFields.VIN.toLowerCase()))
        .contains(new IndexHit(vehicle.id(), subject.id()));
  }

  @Test
  void find_withNoMatch_returnsEmpty() {
    assertThat(store.findByBlindIndex(f.c, "account", "mobile", "13900000000")).isEmpty();
  }

  @Test
  void find_onAFieldThatIsNotSearchable_isRefusedWithItsOwnCode() {
    assertFails(() -> store.findByBlindIndex(f.c, "account", "name", "张三丰"),
        StorageErrorCode.FIELD_NOT_SEARCHABLE);
    assertFails(() -> store.findByBlindIndex(f.c, "account", "faceImage", "x"),
        StorageErrorCode.FIELD_UNKNOWN);
    assertFails(() -> store.findByBlindIndex(f.c, "spaceship", "mobile", "13812345678"),
        StorageErrorCode.RECORD_TYPE_UNKNOWN);
    assertFails(() -> store.findByBlindIndex(f.c, "account", "mobile", "12345"),
        StorageErrorCode.FIELD_INVALID);
  }

  @Test
  void afterIndexKeyRotation_newAndOldRecordsAreFound_andNewOnesUseTheNewVersion()
      throws SQLException {
    String mobile = uniqueMobile();
    Subject subject = store.createSubject(f.c);
    StoredRecord before = store.createRecord(f.c, subject.id(), "account",
        anAccount().withMobile(mobile).build());

    int version = store.rotateIndexKey(f.c);
    StoredRecord after = store.createRecord(f.c, subject.id(), "account",
        anAccount().withMobile(mobile).build());

    assertThat(store.findByBlindIndex(f.c, "account", "mobile", mobile)).containsExactly(
        new IndexHit(before.id(), subject.id()), new IndexHit(after.id(), subject.id()));
    assertThat(f.count("SELECT MAX(version) FROM blind_indexes WHERE record_id = ?", after.id()))
        .isEqualTo(version);
    assertThat(f.count("SELECT MAX(version) FROM blind_indexes WHERE record_id = ?", before.id()))
        .isLessThan(version);
    // A second node with an empty key cache sees the same versions.
    assertThat(f.secondNode().findByBlindIndex(f.c, "account", "mobile", mobile)).hasSize(2);
  }

  @Test
  void erasedSubject_isNotFound_andItsDigestsAreGone() throws SQLException {
    String mobile = uniqueMobile();
    Subject subject = store.createSubject(f.c);
    StoredRecord stored = store.createRecord(f.c, subject.id(), "account",
        anAccount().withMobile(mobile).build());

    store.eraseSubject(f.c, subject.id());

    assertThat(store.findByBlindIndex(f.c, "account", "mobile", mobile)).isEmpty();
    assertThat(f.count("SELECT COUNT(*) FROM blind_indexes WHERE record_id = ?", stored.id()))
        .isZero();
  }

  @Test
  void indexRootKeys_areStoredOnlyWrapped_andDigestsHaveTheConfiguredLength()
      throws SQLException {
    Subject subject = store.createSubject(f.c);
    StoredRecord stored = store.createRecord(f.c, subject.id(), "account", anAccount().build());

    try (var ps = f.c.prepareStatement("SELECT wrapped_key, kek_id, digest_bytes, state"
        + " FROM index_keys ORDER BY version");
        var rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("wrapped_key")).startsWith("lethe-kr:v");
      assertThat(rs.getString("kek_id")).startsWith("local-");
      assertThat(rs.getInt("digest_bytes")).isEqualTo(BlindIndexSettings.DEFAULT_DIGEST_BYTES);
      assertThat(rs.getString("state")).isEqualTo("ACTIVE");
    }
    assertThat(f.count("SELECT COUNT(*) FROM blind_indexes WHERE record_id = ?"
        + " AND OCTET_LENGTH(digest) = 16", stored.id())).isEqualTo(2);
  }

  @Test
  void noColumn_holdsPlaintextOrAnUnkeyedDigestOfIt() throws SQLException {
    Subject subject = store.createSubject(f.c);
    store.createRecord(f.c, subject.id(), "account", anAccount().build());
    store.createRecord(f.c, subject.id(), "vehicle", aVehicle().build());
    f.c.commit();

    List<String> values = List.of(AccountFields.MOBILE, AccountFields.ID_NUMBER,
        VehicleFields.PLATE, VehicleFields.VIN, VehicleFields.INVOICE);
    Tables.Scan scan = Tables.scanFor(f.c, schemaName(), PlaintextNeedles.of(values));

    assertThat(scan.tables()).map(String::toLowerCase).contains("blind_indexes", "index_keys");
    assertThat(f.count("SELECT COUNT(*) FROM blind_indexes WHERE record_id IN"
        + " (SELECT id FROM records WHERE subject_id = ?)", subject.id())).isEqualTo(4);
    assertThat(scan.hits()).isEmpty();
  }

  protected abstract String schemaName();

  /** Distinct per test, so tests sharing the class's database do not find each other's rows. */
  static String uniqueMobile() {
    return "139" + String.format("%08d", Math.floorMod(UUID.randomUUID().hashCode(), 100_000_000));
  }
}
