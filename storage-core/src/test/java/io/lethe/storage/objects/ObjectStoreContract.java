package io.lethe.storage.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.crypto.SecretBytes;
import io.lethe.storage.schema.Category;
import io.minio.RemoveObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The object store's behaviour on a real S3 API and every supported database: subclassed by
 * {@code S3ObjectStorePostgresIT} and {@code S3ObjectStoreH2IT}. Tampering, leaks and
 * crypto-shredding are in {@link ObjectStoreSecurityContract}.
 */
abstract class ObjectStoreContract extends ObjectStoreFixture {

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, FIRST_SEGMENT_PLAINTEXT, FIRST_SEGMENT_PLAINTEXT + 1,
      3 * 1024 * 1024 + 123})
  void put_thenGet_returnsTheSameBytes(int length) throws Exception {
    UUID subject = aSubject();
    byte[] content = random(length);
    StoredObject stored = put(subject, content);

    assertThat(stored.size()).isEqualTo(length);
    assertThat(read(stored.id())).isEqualTo(content);
    assertThat(Files.size(fileOf(stored.id()))).isEqualTo(ObjectFormat.streaming(
        SecretBytes.random(32, new SecureRandom())).expectedCiphertextSize(length));
  }

  @Test
  void put_ofUnknownLength_largerThanOnePart_roundTrips() throws Exception {
    UUID subject = aSubject();
    byte[] content = random(6 * 1024 * 1024 + 7);
    StoredObject stored = store.put(c, subject, Category.IDENTITY, Optional.empty(),
        "application/pdf", new ByteArrayInputStream(content), -1);
    assertThat(stored.size()).isEqualTo(content.length);
    assertThat(read(stored.id())).isEqualTo(content);
  }

  @Test
  void metadata_isKept_andListedForTheSubject() throws Exception {
    UUID subject = aSubject();
    UUID record = people.createRecord(c, subject, "account", Map.of("idType",
        "resident-id-card", "idNumber", "11010519491231002X", "name", "张三丰",
        "mobile", "13812345678")).id();
    StoredObject stored = store.put(c, subject, Category.BIOMETRIC, Optional.of(record),
        " Image/PNG ", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3);

    try (ObjectContent content = store.get(c, stored.id())) {
      assertThat(content.contentType()).isEqualTo("image/png");
      assertThat(content.size()).isEqualTo(3);
    }
    assertThat(stored.recordId()).contains(record);
    assertThat(stored.category()).isEqualTo(Category.BIOMETRIC);
    assertThat(store.list(c, subject)).containsExactly(stored);
    assertThat(store.list(c, aSubject())).isEmpty();
    assertThat(store.describe(c, stored.id())).isEqualTo(stored);
    assertFails(() -> store.describe(c, UUID.randomUUID()), StorageErrorCode.OBJECT_NOT_FOUND);
  }

  @Test
  void put_withContentTypeParameters_orARecordOfAnotherSubject_isRefused() throws Exception {
    UUID subject = aSubject();
    assertFails(() -> store.put(c, subject, Category.IDENTITY, Optional.empty(),
        "image/jpeg; name=zhang-san-id.jpg", new ByteArrayInputStream(new byte[1]), 1),
        StorageErrorCode.OBJECT_INVALID);
    UUID other = aSubject();
    UUID record = people.createRecord(c, other, "account", Map.of("idType", "resident-id-card",
        "idNumber", "11010519491231002X", "name", "张三丰", "mobile", "13812345678")).id();
    assertFails(() -> store.put(c, subject, Category.IDENTITY, Optional.of(record),
        "image/jpeg", new ByteArrayInputStream(new byte[1]), 1),
        StorageErrorCode.RECORD_NOT_FOUND);
    assertThat(rowsOf(subject)).isZero();
  }

  @Test
  void put_whoseLengthDiffersFromTheDeclaredOne_recordsNothing() throws Exception {
    UUID subject = aSubject();
    assertFails(() -> store.put(c, subject, Category.ACCIDENT, Optional.empty(), "image/jpeg",
        new ByteArrayInputStream(random(1000)), 999), StorageErrorCode.OBJECT_SIZE_MISMATCH);
    assertFails(() -> store.put(c, subject, Category.ACCIDENT, Optional.empty(), "image/jpeg",
        new ByteArrayInputStream(random(1000)), 1001), StorageErrorCode.OBJECT_SIZE_MISMATCH);
    assertThat(rowsOf(subject)).isZero();
  }

  @Test
  void put_whenTheBucketIsUnavailable_failsClearly_andRecordsNothing() throws Exception {
    UUID subject = aSubject();
    ObjectStore missing = ObjectStore.s3(client, bucket + "-missing", keys);
    assertFails(() -> missing.put(c, subject, Category.ACCIDENT, Optional.empty(),
        "image/jpeg", new ByteArrayInputStream(random(10)), 10),
        StorageErrorCode.OBJECT_STORE_UNAVAILABLE);
    assertThat(rowsOf(subject)).isZero();
  }

  @Test
  void get_ofUnknownId_orWhoseContentVanished_failsWithItsOwnCode() throws Exception {
    assertFails(() -> store.get(c, UUID.randomUUID()), StorageErrorCode.OBJECT_NOT_FOUND);
    StoredObject stored = put(aSubject(), random(10));
    client.removeObject(RemoveObjectArgs.builder().bucket(bucket)
        .object(storageKey(stored.id())).build());
    assertFails(() -> store.get(c, stored.id()), StorageErrorCode.OBJECT_CONTENT_MISSING);
  }

  @Test
  void suspendedSubject_objectsAreNeitherReadNorWritten() {
    UUID subject = aSubject();
    StoredObject stored = put(subject, random(10));
    people.suspendSubject(c, subject);
    assertFails(() -> store.get(c, stored.id()), StorageErrorCode.SUBJECT_SUSPENDED);
    assertFails(() -> put(subject, random(10)), StorageErrorCode.SUBJECT_SUSPENDED);
    assertFails(() -> store.list(c, subject), StorageErrorCode.SUBJECT_SUSPENDED);
    assertFails(() -> store.get(c, stored.id(), "accident-handling"),
        StorageErrorCode.SUBJECT_SUSPENDED);
  }

  @Test
  void suspendedSubject_objectsAreReadForLegalObligationOnly() throws Exception {
    UUID subject = aSubject();
    byte[] content = random(10);
    StoredObject stored = put(subject, content);
    people.suspendSubject(c, subject);
    assertThat(store.list(c, subject, "legal-obligation")).extracting(StoredObject::id)
        .containsExactly(stored.id());
    try (ObjectContent open = store.get(c, stored.id(), "legal-obligation")) {
      assertThat(open.stream().readAllBytes()).isEqualTo(content);
    }
    assertFails(() -> store.list(c, subject, "data-subject-request"),
        StorageErrorCode.SUBJECT_SUSPENDED);
  }

  @Test
  void delete_removesRowAndContent() throws Exception {
    StoredObject stored = put(aSubject(), random(10));
    Path file = fileOf(stored.id());
    store.delete(c, stored.id());
    assertFails(() -> store.get(c, stored.id()), StorageErrorCode.OBJECT_NOT_FOUND);
    assertThat(file).doesNotExist();
  }

  @Test
  void deleteAll_afterErasure_removesEveryObjectOfTheSubjectOnly() throws Exception {
    UUID subject = aSubject();
    for (int i = 0; i < 3; i++) {
      put(subject, random(100 + i));
    }
    StoredObject kept = put(aSubject(), random(5));
    people.eraseSubject(c, subject);

    assertThat(store.deleteAll(c, subject)).isEqualTo(3);
    assertThat(rowsOf(subject)).isZero();
    assertThat(bucketKeys()).containsExactly(storageKey(kept.id()));
  }

  @Test
  void deleteBatch_takesAtMostTheLimit_andIsSafeToRedoAfterARollback() throws Exception {
    UUID subject = aSubject();
    for (int i = 0; i < 5; i++) {
      put(subject, random(10 + i));
    }
    StoredObject kept = put(aSubject(), random(5));
    people.destroySubjectKey(c, subject);
    c.commit();

    assertThat(store.deleteBatch(c, subject, 2)).hasSize(2);
    c.rollback(); // the content is gone, the rows are back: a crash before the commit
    assertThat(rowsOf(subject)).isEqualTo(5);
    assertThat(bucketKeys()).hasSize(4);

    assertThat(store.deleteBatch(c, subject, 2)).hasSize(2);
    assertThat(store.deleteBatch(c, subject, 2)).hasSize(2);
    assertThat(store.deleteBatch(c, subject, 2)).hasSize(1);
    assertThat(store.deleteBatch(c, subject, 2)).isEmpty();
    assertThat(rowsOf(subject)).isZero();
    assertThat(bucketKeys()).containsExactly(storageKey(kept.id()));
  }

  @Test
  void deleteForRecord_removesTheRecordsObjectsOnly_evenForAnErasedSubject() throws Exception {
    UUID subject = aSubject();
    UUID record = people.createRecord(c, subject, "account", Map.of("idType",
        "resident-id-card", "idNumber", "11010519491231002X", "name", "张三丰",
        "mobile", "13812345678")).id();
    for (int i = 0; i < 2; i++) {
      store.put(c, subject, Category.BIOMETRIC, Optional.of(record), "image/png",
          new ByteArrayInputStream(random(10 + i)), 10 + i);
    }
    StoredObject unlinked = put(subject, random(5));
    people.eraseSubject(c, subject);

    assertThat(store.deleteForRecord(c, record)).isEqualTo(2);
    assertThat(store.deleteForRecord(c, record)).isZero();
    assertThat(bucketKeys()).containsExactly(storageKey(unlinked.id()));
  }

  @Test
  void deleteForRecords_removesTheObjectsOfEveryNamedRecord_withOneBatchDelete_andNoOthers()
      throws Exception {
    UUID subject = aSubject();
    List<UUID> records = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      records.add(people.createRecord(c, subject, "account", Map.of("idType",
          "resident-id-card", "idNumber", "11010519491231002X", "name", "张三丰",
          "mobile", "13812345678")).id());
    }
    for (UUID record : records.subList(0, 2)) {
      for (int i = 0; i < 2; i++) {
        store.put(c, subject, Category.BIOMETRIC, Optional.of(record), "image/png",
            new ByteArrayInputStream(random(10 + i)), 10 + i);
      }
    }
    StoredObject ofAnother = store.put(c, subject, Category.BIOMETRIC,
        Optional.of(records.get(2)), "image/png", new ByteArrayInputStream(random(7)), 7);
    StoredObject unlinked = put(subject, random(5));
    c.commit();
    List<String> before = bucketKeys();

    assertThat(store.deleteForRecords(c, records.subList(0, 2))).isEqualTo(4);
    c.rollback(); // the rows come back without their content, as after a crash
    assertThat(store.deleteForRecords(c, records.subList(0, 2))).isEqualTo(4);

    assertThat(store.deleteForRecords(c, records.subList(0, 2))).isZero();
    assertThat(store.deleteForRecords(c, List.of())).isZero();
    assertThat(bucketKeys()).hasSize(before.size() - 4)
        .contains(storageKey(ofAnother.id()), storageKey(unlinked.id()));
  }

  @Test
  void sweepOrphans_removesContentWhoseTransactionRolledBack_andKeepsTheRest() throws Exception {
    UUID subject = aSubject();
    StoredObject kept = put(subject, random(10));
    c.commit();
    put(subject, random(20));
    c.rollback();
    assertThat(bucketKeys()).hasSize(2);

    assertThat(store.sweepOrphans(c, Duration.ofHours(1))).isEqualTo(new OrphanSweep(0, 0));
    assertThat(store.sweepOrphans(c, Duration.ZERO)).isEqualTo(new OrphanSweep(2, 1));
    assertThat(bucketKeys()).containsExactly(storageKey(kept.id()));
    assertThat(read(kept.id())).isEqualTo(random(10));
  }

  @Test
  void readable_afterKekRotation() throws Exception {
    StoredObject stored = put(aSubject(), random(10));
    keys.rotate();
    assertThat(read(stored.id())).isEqualTo(random(10));
  }
}
