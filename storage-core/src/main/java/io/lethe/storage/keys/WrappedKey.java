package io.lethe.storage.keys;

import java.util.Objects;

/**
 * A data key encrypted under a key-encryption key. Safe to store and print: without the KEK the
 * ciphertext reveals nothing. {@code ciphertext} is opaque to callers; its form is the provider's
 * (the local keyring's is in ADR 0003).
 */
public record WrappedKey(String kekId, int kekVersion, String ciphertext) {

  public WrappedKey {
    Objects.requireNonNull(kekId, "kekId");
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (kekId.isBlank()) {
      throw new IllegalArgumentException("kekId must not be blank");
    }
    if (kekVersion < 1) {
      throw new IllegalArgumentException("kekVersion must be at least 1");
    }
    if (ciphertext.isBlank()) {
      throw new IllegalArgumentException("ciphertext must not be blank");
    }
  }
}
