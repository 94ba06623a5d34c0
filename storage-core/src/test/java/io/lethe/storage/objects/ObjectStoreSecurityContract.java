package io.lethe.storage.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.crypto.SecretBytes;
import io.lethe.storage.keys.WrappedKey;
import io.lethe.storage.schema.Category;
import io.lethe.testsupport.leaks.PlaintextScanner;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What an attacker with the bucket, or the bucket and the database, can and cannot do; subclassed
 * per database like {@link ObjectStoreContract}.
 */
abstract class ObjectStoreSecurityContract extends ObjectStoreFixture {

  private static final String MARKER = "LETHE-PLAINTEXT-MARKER-张三丰-110105194912310021";

  @Test
  void tamperedByte_inTheBucketFile_failsWithTheOpaqueDecryptError() throws Exception {
    StoredObject stored = put(aSubject(), random(FIRST_SEGMENT_PLAINTEXT + 5000));
    Path file = fileOf(stored.id());
    byte[] bytes = Files.readAllBytes(file);
    bytes[SEGMENT + 100] ^= 0x01;
    Files.write(file, bytes);
    assertFails(() -> read(stored.id()), StorageErrorCode.DECRYPT_FAILED);
  }

  @Test
  void truncatedBucketFile_withoutItsLastSegment_failsToDecrypt() throws Exception {
    StoredObject stored = put(aSubject(), random(FIRST_SEGMENT_PLAINTEXT + 5000));
    Path file = fileOf(stored.id());
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, SEGMENT));
    assertFails(() -> read(stored.id()), StorageErrorCode.DECRYPT_FAILED);
  }

  @Test
  void anotherObjectsBytes_copiedOverThisObject_failToDecrypt() throws Exception {
    UUID subject = aSubject();
    StoredObject a = put(subject, random(1000));
    StoredObject b = put(subject, random(1000));
    Files.copy(fileOf(a.id()), fileOf(b.id()), StandardCopyOption.REPLACE_EXISTING);
    assertFails(() -> read(b.id()), StorageErrorCode.DECRYPT_FAILED);
    assertThat(read(a.id())).isEqualTo(random(1000));
  }

  @Test
  void bucketKey_isOpaque_andCarriesNoIdentifier() throws Exception {
    UUID subject = aSubject();
    StoredObject stored = put(subject, random(10));
    String key = storageKey(stored.id());
    assertThat(key).matches("o/[0-9a-f]{32}")
        .doesNotContain(subject.toString()).doesNotContain(subject.toString().replace("-", ""))
        .doesNotContain(stored.id().toString().replace("-", ""));
  }

  @Test
  void jpegPayload_neverAppearsInTheBucketFilesOrAnyColumn() throws Exception {
    UUID subject = aSubject();
    byte[] jpeg = jpegLike();
    StoredObject stored = store.put(c, subject, Category.BIOMETRIC, Optional.empty(),
        "image/jpeg", new ByteArrayInputStream(jpeg), jpeg.length);
    c.commit();

    assertThat(Files.size(fileOf(stored.id()))).isGreaterThan(jpeg.length);
    assertThat(PlaintextScanner.scanFiles(s3().directory(), MARKER, "JFIF")).isEmpty();
    assertThat(PlaintextScanner.scanTables(dataSource(), MARKER, "JFIF")).isEmpty();
    assertThat(read(stored.id())).isEqualTo(jpeg);
  }

  @Test
  void erasedSubject_objectCannotBeDecrypted_evenFromCopiesTakenBeforeErasure()
      throws Exception {
    UUID subject = aSubject();
    byte[] jpeg = jpegLike();
    StoredObject stored = store.put(c, subject, Category.BIOMETRIC, Optional.empty(),
        "image/jpeg", new ByteArrayInputStream(jpeg), jpeg.length);
    c.commit();
    byte[] bucketCopy = Files.readAllBytes(fileOf(stored.id()));
    byte[] wrappedObjectKeyCopy = column(stored.id(), "wrapped_key", byte[].class);
    // Control: with the subject key as it exists now, the copies are enough to decrypt.
    try (SecretBytes subjectKey = keys.unwrap(subjectKeyRow(subject))) {
      assertThat(decrypt(subjectKey, subject, stored.id(), wrappedObjectKeyCopy, bucketCopy,
          jpeg.length)).isEqualTo(jpeg);
    }

    people.eraseSubject(c, subject);
    c.commit();

    assertThat(subjectKeyRow(subject)).as("subjects.wrapped_key after erasure").isNull();
    assertFails(() -> store.get(c, stored.id()), StorageErrorCode.SUBJECT_ERASED);
    // Every subject key that still exists (here: another subject's) fails on the copies.
    try (SecretBytes otherKey = keys.unwrap(subjectKeyRow(aSubject()))) {
      assertFails(() -> decrypt(otherKey, subject, stored.id(), wrappedObjectKeyCopy,
          bucketCopy, jpeg.length), StorageErrorCode.DECRYPT_FAILED);
    }
    assertThat(PlaintextScanner.scanTables(dataSource(), MARKER)).isEmpty();
  }

  private static byte[] decrypt(SecretBytes subjectKey, UUID subject, UUID object,
      byte[] wrappedObjectKey, byte[] ciphertext, long size) throws Exception {
    try (SecretBytes objectKey = ObjectKeyWrap.create().unwrap(subjectKey, subject, object,
        wrappedObjectKey); InputStream in = DecryptingContentStream.open(
            ObjectFormat.streaming(objectKey), ObjectFormat.streamAssociatedData(1, subject,
                object), new ByteArrayInputStream(ciphertext), size)) {
      return in.readAllBytes();
    }
  }

  private WrappedKey subjectKeyRow(UUID subject) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT wrapped_key, kek_id, kek_version FROM subjects WHERE id = ?")) {
      ps.setObject(1, subject);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        String wrapped = rs.getString(1);
        return wrapped == null ? null : new WrappedKey(rs.getString(2), rs.getInt(3), wrapped);
      }
    }
  }

  /** A JPEG's first bytes, a JFIF header and a marker string, then scan data. */
  static byte[] jpegLike() {
    byte[] header = new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16,
        'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, (byte) 0xFF, (byte) 0xFE, 0, 64};
    byte[] marker = MARKER.getBytes(StandardCharsets.UTF_8);
    byte[] body = random(300_000);
    byte[] out = new byte[header.length + marker.length + body.length + marker.length];
    System.arraycopy(header, 0, out, 0, header.length);
    System.arraycopy(marker, 0, out, header.length, marker.length);
    System.arraycopy(body, 0, out, header.length + marker.length, body.length);
    System.arraycopy(marker, 0, out, out.length - marker.length, marker.length);
    return out;
  }
}
