package io.lethe.storage.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SecretBytesTest {

  private static final byte[] KEY = {1, 2, 3, 4, 5, 6, 7, 8};

  @Test
  void toString_showsLengthOnly() {
    assertThat(SecretBytes.copyOf(KEY).toString())
        .isEqualTo("SecretBytes[8 bytes]")
        .doesNotContain("1, 2", "0102");
  }

  @Test
  void equals_comparesContent() {
    assertThat(SecretBytes.copyOf(KEY)).isEqualTo(SecretBytes.copyOf(KEY.clone()));
    assertThat(SecretBytes.copyOf(KEY)).isNotEqualTo(SecretBytes.copyOf(new byte[] {1, 2, 3}));
  }

  @Test
  void copyOf_isNotAffectedByLaterChangesToTheSource() {
    byte[] source = KEY.clone();
    SecretBytes secret = SecretBytes.copyOf(source);
    source[0] = 99;
    assertThat(secret.revealCopy()).containsExactly(KEY);
  }

  @Test
  void revealCopy_returnsACopyTheCallerCanZero() {
    SecretBytes secret = SecretBytes.copyOf(KEY);
    byte[] copy = secret.revealCopy();
    java.util.Arrays.fill(copy, (byte) 0);
    assertThat(secret.revealCopy()).containsExactly(KEY);
  }

  @Test
  void destroy_zeroesAndBlocksAccess() {
    SecretBytes secret = SecretBytes.copyOf(KEY);
    secret.destroy();
    assertThat(secret.isDestroyed()).isTrue();
    assertThatThrownBy(secret::revealCopy)
        .isInstanceOfSatisfying(StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageErrorCode.KEY_UNAVAILABLE));
    assertThat(secret).isNotEqualTo(SecretBytes.copyOf(new byte[8]));
  }

  @Test
  void aesKey_isBuiltOnce_andRefusedAfterDestroy() {
    SecretBytes secret = SecretBytes.copyOf(new byte[32]);
    assertThat(secret.aesKey()).isSameAs(secret.aesKey());
    secret.destroy();
    assertThatThrownBy(secret::aesKey)
        .isInstanceOfSatisfying(StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageErrorCode.KEY_UNAVAILABLE));
  }

  @Test
  void random_returnsTheRequestedLength_andDiffersEachTime() {
    SecureRandom random = new SecureRandom();
    SecretBytes a = SecretBytes.random(32, random);
    assertThat(a.size()).isEqualTo(32);
    assertThat(a).isNotEqualTo(SecretBytes.random(32, random));
  }

  @Test
  void copyOf_empty_isRefused() {
    assertThatThrownBy(() -> SecretBytes.copyOf(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
