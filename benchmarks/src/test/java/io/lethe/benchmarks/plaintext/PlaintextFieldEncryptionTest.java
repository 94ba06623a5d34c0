package io.lethe.benchmarks.plaintext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.FieldContext;
import io.lethe.storage.crypto.FieldEncryption;
import io.lethe.storage.crypto.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ServiceLoader;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlaintextFieldEncryptionTest {

  private final SecretBytes key = SecretBytes.random(32, new SecureRandom());
  private final FieldContext context = new FieldContext(UUID.randomUUID(), UUID.randomUUID(),
      "mobile", 1);
  private final byte[] value = "13812345678".getBytes(StandardCharsets.UTF_8);

  @Test
  void roundTrips_behindItsOwnFormatByte() {
    byte[] stored = new PlaintextFieldEncryption().encrypt(key, context, value);
    assertThat(stored[0]).isZero();
    assertThat(new PlaintextFieldEncryption().decrypt(key, context, stored)).isEqualTo(value);
  }

  @Test
  void itsStoredForm_andLethesCiphertexts_areNeverTakenForEachOther() {
    byte[] plain = new PlaintextFieldEncryption().encrypt(key, context, value);
    byte[] encrypted = FieldEncryption.aesGcm().encrypt(key, context, value);
    assertThatThrownBy(() -> FieldEncryption.aesGcm().decrypt(key, context, plain))
        .isInstanceOf(StorageException.class)
        .extracting(e -> ((StorageException) e).code()).isEqualTo(StorageErrorCode.DECRYPT_FAILED);
    assertThatThrownBy(() -> new PlaintextFieldEncryption().decrypt(key, context, encrypted))
        .isInstanceOf(StorageException.class)
        .extracting(e -> ((StorageException) e).code()).isEqualTo(StorageErrorCode.DECRYPT_FAILED);
  }

  @Test
  void isDeclaredAsAService_forTheServerToFindWhenNamed() {
    assertThat(ServiceLoader.load(FieldEncryption.class).stream().map(p -> p.type().getName()))
        .contains(PlaintextFieldEncryption.class.getName());
  }
}
