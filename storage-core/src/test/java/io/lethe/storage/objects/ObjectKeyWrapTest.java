package io.lethe.storage.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.SecretBytes;
import java.security.SecureRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ObjectKeyWrapTest {

  private final SecureRandom random = new SecureRandom();
  private final ObjectKeyWrap wrap = ObjectKeyWrap.create();
  private final SecretBytes subjectKey = SecretBytes.random(32, random);
  private final SecretBytes objectKey = SecretBytes.random(32, random);
  private final UUID subject = UUID.randomUUID();
  private final UUID object = UUID.randomUUID();

  @Test
  void wrap_thenUnwrap_givesTheObjectKeyBack_in61Bytes() {
    byte[] wrapped = wrap.wrap(subjectKey, subject, object, objectKey);
    assertThat(wrapped).hasSize(61);
    assertThat(wrapped[0]).isEqualTo((byte) 1);
    assertThat(wrap.unwrap(subjectKey, subject, object, wrapped)).isEqualTo(objectKey);
  }

  @Test
  void unwrap_forAnotherObject_fails() {
    byte[] wrapped = wrap.wrap(subjectKey, subject, object, objectKey);
    assertDecryptFails(() -> wrap.unwrap(subjectKey, subject, UUID.randomUUID(), wrapped));
  }

  @Test
  void unwrap_forAnotherSubject_orWithAnotherKey_fails() {
    byte[] wrapped = wrap.wrap(subjectKey, subject, object, objectKey);
    assertDecryptFails(() -> wrap.unwrap(subjectKey, UUID.randomUUID(), object, wrapped));
    assertDecryptFails(() -> wrap.unwrap(SecretBytes.random(32, random), subject, object, wrapped));
  }

  @Test
  void unwrap_ofAlteredOrShortenedBytes_fails() {
    byte[] wrapped = wrap.wrap(subjectKey, subject, object, objectKey);
    for (int i = 0; i < wrapped.length; i++) {
      byte[] altered = wrapped.clone();
      altered[i] ^= 0x01;
      assertDecryptFails(() -> wrap.unwrap(subjectKey, subject, object, altered));
    }
    assertDecryptFails(() -> wrap.unwrap(subjectKey, subject, object, new byte[60]));
    assertDecryptFails(() -> wrap.unwrap(subjectKey, subject, object, null));
  }

  @Test
  void twoWrapsOfOneKey_differ() {
    assertThat(wrap.wrap(subjectKey, subject, object, objectKey))
        .isNotEqualTo(wrap.wrap(subjectKey, subject, object, objectKey));
  }

  private static void assertDecryptFails(org.assertj.core.api.ThrowableAssert.ThrowingCallable c) {
    assertThatThrownBy(c).isInstanceOfSatisfying(StorageException.class, e -> {
      assertThat(e.code()).isEqualTo(StorageErrorCode.DECRYPT_FAILED);
      assertThat(e.getMessage()).isEqualTo("storage.decrypt.failed: decryption failed");
      assertThat(e.getCause()).isNull();
    });
  }
}
