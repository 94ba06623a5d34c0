package io.lethe.storage.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class FieldCipherTest {

  private final FieldCipher cipher = FieldCipher.create();
  /** Rows written before format v2 hold v1; the product no longer writes it. */
  private final FieldCipher v1Writer =
      new FieldCipher(new SecureRandom()::nextBytes, FieldCipher.FORMAT_V1);
  private final SecretBytes key = SecretBytes.random(32, new SecureRandom());
  private final FieldContext context =
      new FieldContext(UUID.randomUUID(), UUID.randomUUID(), "idNumber", 1);
  private final byte[] plaintext = "11010519491231002X".getBytes(UTF_8);

  @Test
  void decrypt_inTheSameContext_returnsThePlaintext() {
    byte[] stored = cipher.encrypt(key, context, plaintext);
    assertThat(cipher.decrypt(key, context, stored)).isEqualTo(plaintext);
  }

  @Test
  void storedForm_isVersionNonceCiphertextTag() {
    byte[] stored = cipher.encrypt(key, context, plaintext);
    assertThat(stored[0]).isEqualTo(FieldCipher.FORMAT_V2);
    assertThat(stored).hasSize(1 + 12 + plaintext.length + 16);
  }

  @Test
  void decrypt_ofAValueStoredInFormatV1_returnsThePlaintext() {
    byte[] stored = v1Writer.encrypt(key, context, plaintext);
    assertThat(stored[0]).isEqualTo(FieldCipher.FORMAT_V1);
    assertThat(cipher.decrypt(key, context, stored)).isEqualTo(plaintext);
  }

  @Test
  void decrypt_ofFormatV1_inAnyOtherContext_fails() {
    byte[] stored = v1Writer.encrypt(key, context, plaintext);
    for (FieldContext moved : movedContexts()) {
      assertDecryptFailed(() -> cipher.decrypt(key, moved, stored));
    }
  }

  @Test
  void encrypt_twice_usesFreshNonces() {
    assertThat(cipher.encrypt(key, context, plaintext))
        .isNotEqualTo(cipher.encrypt(key, context, plaintext));
  }

  @Test
  void decrypt_withRecordIdOfAnotherRecord_fails() {
    byte[] stored = cipher.encrypt(key, context, plaintext);
    FieldContext moved = new FieldContext(context.subjectId(), UUID.randomUUID(), "idNumber", 1);
    assertDecryptFailed(() -> cipher.decrypt(key, moved, stored));
  }

  @Test
  void decrypt_underAnotherFieldName_fails() {
    byte[] stored = cipher.encrypt(key, context, plaintext);
    FieldContext moved = new FieldContext(context.subjectId(), context.recordId(), "mobile", 1);
    assertDecryptFailed(() -> cipher.decrypt(key, moved, stored));
  }

  @Test
  void decrypt_underAnotherSubject_fails() {
    byte[] stored = cipher.encrypt(key, context, plaintext);
    FieldContext moved = new FieldContext(UUID.randomUUID(), context.recordId(), "idNumber", 1);
    assertDecryptFailed(() -> cipher.decrypt(key, moved, stored));
  }

  @Test
  void decrypt_underAnotherSchemaVersion_fails() {
    byte[] stored = cipher.encrypt(key, context, plaintext);
    FieldContext moved = new FieldContext(context.subjectId(), context.recordId(), "idNumber", 2);
    assertDecryptFailed(() -> cipher.decrypt(key, moved, stored));
  }

  @Test
  void decrypt_withAnotherKey_fails() {
    byte[] stored = cipher.encrypt(key, context, plaintext);
    SecretBytes other = SecretBytes.random(32, new SecureRandom());
    assertDecryptFailed(() -> cipher.decrypt(other, context, stored));
  }

  @Test
  void decrypt_withAnyFlippedByte_fails() {
    byte[] stored = cipher.encrypt(key, context, plaintext);
    for (int i = 0; i < stored.length; i++) {
      byte[] altered = stored.clone();
      altered[i] ^= 0x40;
      assertDecryptFailed(() -> cipher.decrypt(key, context, altered));
    }
  }

  @Test
  void decrypt_withUnknownVersionByte_fails() {
    for (byte version : new byte[] {0x00, 0x03, (byte) 0x81, (byte) 0xFF}) {
      byte[] stored = cipher.encrypt(key, context, plaintext);
      stored[0] = version;
      assertDecryptFailed(() -> cipher.decrypt(key, context, stored));
    }
  }

  @Test
  void decrypt_ofV2Bytes_labelledAsV1_fails() {
    byte[] stored = cipher.encrypt(key, context, plaintext);
    stored[0] = FieldCipher.FORMAT_V1;
    assertDecryptFailed(() -> cipher.decrypt(key, context, stored));
  }

  @Test
  void decrypt_ofV1Bytes_labelledAsV2_fails() {
    byte[] stored = v1Writer.encrypt(key, context, plaintext);
    stored[0] = FieldCipher.FORMAT_V2;
    assertDecryptFailed(() -> cipher.decrypt(key, context, stored));
  }

  @Test
  void decrypt_ofTruncatedInput_fails() {
    byte[] stored = cipher.encrypt(key, context, plaintext);
    for (int length = 0; length < stored.length; length++) {
      byte[] truncated = Arrays.copyOf(stored, length);
      assertDecryptFailed(() -> cipher.decrypt(key, context, truncated));
    }
    assertDecryptFailed(() -> cipher.decrypt(key, context, null));
  }

  @Test
  void decrypt_withABytePrependedOrAppended_fails() {
    byte[] stored = cipher.encrypt(key, context, plaintext);
    byte[] longer = Arrays.copyOf(stored, stored.length + 1);
    assertDecryptFailed(() -> cipher.decrypt(key, context, longer));
    byte[] shifted = new byte[stored.length + 1];
    shifted[0] = FieldCipher.FORMAT_V2;
    System.arraycopy(stored, 0, shifted, 1, stored.length);
    assertDecryptFailed(() -> cipher.decrypt(key, context, shifted));
  }

  @Test
  void decrypt_ofAnEmptyValue_roundTrips_andItsTagStillBindsTheContext() {
    byte[] stored = cipher.encrypt(key, context, new byte[0]);
    assertThat(stored).hasSize(1 + 12 + 16);
    assertThat(cipher.decrypt(key, context, stored)).isEmpty();
    for (FieldContext moved : movedContexts()) {
      assertDecryptFailed(() -> cipher.decrypt(key, moved, stored));
    }
  }

  @Test
  void decrypt_afterAFailure_stillWorksOnTheSameThread() {
    byte[] stored = cipher.encrypt(key, context, plaintext);
    byte[] altered = stored.clone();
    altered[stored.length - 1] ^= 1;
    assertDecryptFailed(() -> cipher.decrypt(key, context, altered));
    assertThat(cipher.decrypt(key, context, stored)).isEqualTo(plaintext);
  }

  @Test
  void decryptFailure_carriesNoDetailAndNoCause() {
    byte[] stored = cipher.encrypt(key, context, plaintext);
    stored[5] ^= 1;
    assertThatThrownBy(() -> cipher.decrypt(key, context, stored))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("storage.decrypt.failed: decryption failed");
          assertThat(e.getCause()).isNull();
        });
  }

  /** The context with one part changed at a time: record, field, subject, schema version. */
  private List<FieldContext> movedContexts() {
    UUID subject = context.subjectId();
    UUID record = context.recordId();
    return List.of(new FieldContext(subject, UUID.randomUUID(), "idNumber", 1),
        new FieldContext(subject, record, "mobile", 1),
        new FieldContext(UUID.randomUUID(), record, "idNumber", 1),
        new FieldContext(subject, record, "idNumber", 2));
  }

  private static void assertDecryptFailed(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StorageException.class,
        e -> assertThat(e.code()).isEqualTo(StorageErrorCode.DECRYPT_FAILED));
  }
}
