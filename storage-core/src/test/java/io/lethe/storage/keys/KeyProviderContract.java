package io.lethe.storage.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.SecretBytes;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KeyProvider} must do. Each implementation subclasses this once (the local
 * keyring here; Vault Transit later) and supplies a fresh provider per test.
 */
public abstract class KeyProviderContract {

  protected KeyProvider keys;

  /** A provider with a single, fresh KEK version. */
  protected abstract KeyProvider newProvider() throws Exception;

  /** Another KEK of the same kind (another keyring, another Transit key): a named KEK. */
  protected abstract KeyProvider anotherKek() throws Exception;

  @BeforeEach
  void createProvider() throws Exception {
    keys = newProvider();
  }

  @Test
  void generateDataKey_returns256BitKeyWrappedUnderCurrentVersion() {
    try (DataKey key = keys.generateDataKey()) {
      assertThat(key.plaintext().size()).isEqualTo(32);
      assertThat(key.wrapped().kekVersion()).isEqualTo(keys.currentVersion());
    }
  }

  @Test
  void generateDataKey_returnsADifferentKeyEachTime() {
    try (DataKey a = keys.generateDataKey(); DataKey b = keys.generateDataKey()) {
      assertThat(a.plaintext()).isNotEqualTo(b.plaintext());
      assertThat(a.wrapped().ciphertext()).isNotEqualTo(b.wrapped().ciphertext());
    }
  }

  @Test
  void unwrap_ofWrappedDataKey_returnsThePlaintextKey() {
    try (DataKey key = keys.generateDataKey(); SecretBytes back = keys.unwrap(key.wrapped())) {
      assertThat(back).isEqualTo(key.plaintext());
    }
  }

  @Test
  void rotate_addsAVersion_andOldWrappedKeysStillUnwrap() {
    try (DataKey old = keys.generateDataKey()) {
      int before = keys.currentVersion();
      keys.rotate();
      assertThat(keys.currentVersion()).isEqualTo(before + 1);
      try (SecretBytes back = keys.unwrap(old.wrapped())) {
        assertThat(back).isEqualTo(old.plaintext());
      }
    }
  }

  @Test
  void rewrap_movesAKeyToTheCurrentVersion_keepingItsValue() {
    try (DataKey old = keys.generateDataKey()) {
      keys.rotate();
      WrappedKey rewrapped = keys.rewrap(old.wrapped());
      assertThat(rewrapped.kekVersion()).isEqualTo(keys.currentVersion());
      assertThat(rewrapped.ciphertext()).isNotEqualTo(old.wrapped().ciphertext());
      try (SecretBytes back = keys.unwrap(rewrapped)) {
        assertThat(back).isEqualTo(old.plaintext());
      }
    }
  }

  /** The same wrapped key with the last byte of its authentication tag flipped. */
  public static WrappedKey tampered(WrappedKey w) {
    String text = w.ciphertext();
    int colon = text.lastIndexOf(':');
    byte[] blob = Base64.getDecoder().decode(text.substring(colon + 1));
    blob[blob.length - 1] ^= 0x01;
    return new WrappedKey(w.kekId(), w.kekVersion(),
        text.substring(0, colon + 1) + Base64.getEncoder().encodeToString(blob));
  }

  @Test
  void rewrapAll_rewrapsEveryKeyInOrder_andReportsBadOnesWithoutStopping() {
    try (DataKey a = keys.generateDataKey(); DataKey b = keys.generateDataKey()) {
      keys.rotate();
      WrappedKey foreign = new WrappedKey(a.wrapped().kekId() + "-other",
          a.wrapped().kekVersion(), a.wrapped().ciphertext());
      List<RewrapOutcome> out = keys.rewrapAll(
          List.of(a.wrapped(), foreign, tampered(b.wrapped()), b.wrapped()));
      assertThat(out).hasSize(4);
      assertRewrappedTo(out.get(0), a);
      assertThat(out.get(1)).isInstanceOfSatisfying(RewrapOutcome.Failed.class,
          f -> assertThat(f.code()).isEqualTo(StorageErrorCode.KEY_UNAVAILABLE));
      assertThat(out.get(2)).isInstanceOfSatisfying(RewrapOutcome.Failed.class,
          f -> assertThat(f.code()).isEqualTo(StorageErrorCode.KEY_UNWRAP_FAILED));
      assertRewrappedTo(out.get(3), b);
    }
  }

  @Test
  void rewrapAll_ofKeyUnderRetiredVersion_failsThatKeyWithKeyUnavailable() {
    try (DataKey old = keys.generateDataKey()) {
      keys.rotate();
      keys.setMinDecryptionVersion(keys.currentVersion());
      assertThat(keys.rewrapAll(List.of(old.wrapped()))).singleElement()
          .isInstanceOfSatisfying(RewrapOutcome.Failed.class,
              f -> assertThat(f.code()).isEqualTo(StorageErrorCode.KEY_UNAVAILABLE));
    }
  }

  @Test
  void rewrapAll_ofNothing_returnsNothing() {
    assertThat(keys.rewrapAll(List.of())).isEmpty();
  }

  private void assertRewrappedTo(RewrapOutcome outcome, DataKey original) {
    assertThat(outcome).isInstanceOfSatisfying(RewrapOutcome.Rewrapped.class, r -> {
      assertThat(r.key().kekVersion()).isEqualTo(keys.currentVersion());
      try (SecretBytes back = keys.unwrap(r.key())) {
        assertThat(back).isEqualTo(original.plaintext());
      }
    });
  }

  @Test
  void unwrap_ofTamperedCiphertext_failsWithUnwrapFailed() {
    try (DataKey key = keys.generateDataKey()) {
      WrappedKey tampered = tampered(key.wrapped());
      assertThatThrownBy(() -> keys.unwrap(tampered))
          .isInstanceOfSatisfying(StorageException.class,
              e -> assertThat(e.code()).isEqualTo(StorageErrorCode.KEY_UNWRAP_FAILED));
    }
  }

  @Test
  void unwrap_withVersionRelabelled_fails() {
    try (DataKey key = keys.generateDataKey()) {
      keys.rotate();
      WrappedKey relabelled = new WrappedKey(key.wrapped().kekId(), keys.currentVersion(),
          key.wrapped().ciphertext());
      assertThatThrownBy(() -> keys.unwrap(relabelled)).isInstanceOf(StorageException.class);
    }
  }

  @Test
  void unwrap_underRetiredVersion_failsWithKeyUnavailable() {
    try (DataKey old = keys.generateDataKey()) {
      keys.rotate();
      keys.setMinDecryptionVersion(keys.currentVersion());
      assertThatThrownBy(() -> keys.unwrap(old.wrapped()))
          .isInstanceOfSatisfying(StorageException.class,
              e -> assertThat(e.code()).isEqualTo(StorageErrorCode.KEY_UNAVAILABLE));
    }
  }

  @Test
  void rewrapBeforeRetiring_keepsKeyReadableAfterwards() {
    try (DataKey old = keys.generateDataKey()) {
      keys.rotate();
      WrappedKey moved = keys.rewrap(old.wrapped());
      keys.setMinDecryptionVersion(keys.currentVersion());
      try (SecretBytes back = keys.unwrap(moved)) {
        assertThat(back).isEqualTo(old.plaintext());
      }
    }
  }

  @Test
  void setMinDecryptionVersion_aboveCurrentOrBelowMinimum_isRefused() {
    keys.rotate();
    keys.setMinDecryptionVersion(2);
    assertThatThrownBy(() -> keys.setMinDecryptionVersion(keys.currentVersion() + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keys.setMinDecryptionVersion(1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(keys.minDecryptionVersion()).isEqualTo(2);
  }

  @Test
  void unwrap_ofKeyFromAnotherKek_failsWithKeyUnavailable() {
    try (DataKey key = keys.generateDataKey()) {
      WrappedKey foreign = new WrappedKey(key.wrapped().kekId() + "-other",
          key.wrapped().kekVersion(), key.wrapped().ciphertext());
      assertThatThrownBy(() -> keys.unwrap(foreign))
          .isInstanceOfSatisfying(StorageException.class,
              e -> assertThat(e.code()).isEqualTo(StorageErrorCode.KEY_UNAVAILABLE));
    }
  }

  @Test
  void rewrapUnder_aNamedKek_keepsTheKey_andOnlyTheNewKekUnwrapsIt() throws Exception {
    KeyProvider other = anotherKek();
    KeyProvider both = KeyProvider.withNamedKeks(keys, Map.of("region-b", other));
    assertThat(both.kekNames()).containsExactlyInAnyOrder(KeyProvider.DEFAULT_KEK, "region-b");
    try (DataKey key = both.generateDataKey()) {
      assertThat(key.wrapped().kekId()).isEqualTo(keys.kekId());
      WrappedKey moved = both.rewrapUnder("region-b", key.wrapped());

      assertThat(moved.kekId()).isEqualTo(other.kekId()).isNotEqualTo(keys.kekId());
      try (SecretBytes back = both.unwrap(moved); SecretBytes direct = other.unwrap(moved)) {
        assertThat(back).isEqualTo(key.plaintext());
        assertThat(direct).isEqualTo(key.plaintext());
      }
      WrappedKey relabelled = new WrappedKey(keys.kekId(), moved.kekVersion(), moved.ciphertext());
      assertThatThrownBy(() -> keys.unwrap(relabelled))
          .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.code())
              .isIn(StorageErrorCode.KEY_UNWRAP_FAILED, StorageErrorCode.KEY_UNAVAILABLE));
      assertThatThrownBy(() -> keys.unwrap(moved)).isInstanceOf(StorageException.class);

      WrappedKey home = both.rewrapUnder(KeyProvider.DEFAULT_KEK, moved);
      assertThat(home.kekId()).isEqualTo(keys.kekId());
      try (SecretBytes back = keys.unwrap(home)) {
        assertThat(back).isEqualTo(key.plaintext());
      }
    }
  }

  @Test
  void rewrapUnder_anUnknownName_failsWithKekUnknown() throws Exception {
    KeyProvider both = KeyProvider.withNamedKeks(keys, Map.of("region-b", anotherKek()));
    try (DataKey key = both.generateDataKey()) {
      for (KeyProvider p : List.of(keys, both)) {
        assertThatThrownBy(() -> p.rewrapUnder("nowhere", key.wrapped()))
            .isInstanceOfSatisfying(StorageException.class, e -> {
              assertThat(e.code()).isEqualTo(StorageErrorCode.KEK_UNKNOWN);
              assertThat(e.getMessage()).contains("nowhere").contains(KeyProvider.DEFAULT_KEK);
            });
      }
    }
  }

  @Test
  void wrap_ofAnExistingKey_unwrapsToTheSameKey_underTheCurrentVersion() {
    try (DataKey key = keys.generateDataKey()) {
      keys.rotate();
      WrappedKey again = keys.wrap(key.plaintext());
      assertThat(again.kekId()).isEqualTo(keys.kekId());
      assertThat(again.kekVersion()).isEqualTo(keys.currentVersion());
      try (SecretBytes back = keys.unwrap(again)) {
        assertThat(back).isEqualTo(key.plaintext());
      }
    }
  }
}
