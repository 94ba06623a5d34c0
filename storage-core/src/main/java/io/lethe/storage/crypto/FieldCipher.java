package io.lethe.storage.crypto;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Encrypts one field value: AES-256-GCM, a random 96-bit nonce per value, and associated data
 * from the {@link FieldContext}. Stored form (ADR 0004):
 * {@code 0x01 ‖ nonce(12) ‖ ciphertext ‖ tag(16)}.
 *
 * <p>Thread-safe.
 *
 * <p><b>Security guarantees.</b> Confidentiality and integrity of the value under the subject
 * key; a ciphertext decrypts only in the exact context it was written for. Random nonces keep the
 * collision risk negligible up to about 2<sup>32</sup> values per key, far beyond one subject's
 * fields. Every decryption failure — wrong key, wrong context, altered byte, unknown version —
 * throws the same {@code storage.decrypt.failed} with no detail.
 */
public final class FieldCipher implements FieldEncryption {

  /** The format version byte of the stored form. A new format adds a version, never edits one. */
  public static final byte FORMAT_V1 = 0x01;

  private static final int HEADER = 1 + AesGcm.NONCE_BYTES;

  private final Consumer<byte[]> nonceSource;

  /**
   * Known-answer tests only, hence package-private: a nonce used twice under one key breaks GCM's
   * confidentiality and integrity.
   */
  FieldCipher(Consumer<byte[]> nonceSource) {
    this.nonceSource = Objects.requireNonNull(nonceSource, "nonceSource");
  }

  public static FieldCipher create() {
    SecureRandom random = new SecureRandom();
    return new FieldCipher(random::nextBytes);
  }

  @Override
  public byte[] encrypt(SecretBytes key, FieldContext context, byte[] plaintext) {
    byte[] nonce = new byte[AesGcm.NONCE_BYTES];
    nonceSource.accept(nonce);
    byte[] out = new byte[HEADER + plaintext.length + AesGcm.TAG_BYTES];
    out[0] = FORMAT_V1;
    System.arraycopy(nonce, 0, out, 1, nonce.length);
    AesGcm.seal(key, nonce, context.associatedData(FORMAT_V1), plaintext, out, HEADER);
    return out;
  }

  /** The plaintext; the caller should zero it after use. */
  @Override
  public byte[] decrypt(SecretBytes key, FieldContext context, byte[] stored) {
    if (stored == null || stored.length < HEADER + AesGcm.TAG_BYTES || stored[0] != FORMAT_V1) {
      throw AesGcm.decryptFailed();
    }
    byte[] nonce = new byte[AesGcm.NONCE_BYTES];
    System.arraycopy(stored, 1, nonce, 0, nonce.length);
    return AesGcm.open(key, nonce, context.associatedData(FORMAT_V1),
        stored, HEADER, stored.length - HEADER);
  }
}
