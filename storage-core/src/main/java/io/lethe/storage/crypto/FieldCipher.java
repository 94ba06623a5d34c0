package io.lethe.storage.crypto;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Encrypts one field value: AES-256-GCM, a random 96-bit nonce per value, and associated data
 * from the {@link FieldContext}. Stored form (ADR 0004):
 * {@code version ‖ nonce(12) ‖ ciphertext ‖ tag(16)}. It writes format {@code 0x02} (compact
 * associated data) and reads {@code 0x02} and {@code 0x01}, which rows written before v2 hold.
 *
 * <p>Thread-safe.
 *
 * <p><b>Security guarantees.</b> Confidentiality and integrity of the value under the subject
 * key; a ciphertext decrypts only in the exact context and format it was written for. Random
 * nonces keep the collision risk negligible up to about 2<sup>32</sup> values per key, far beyond
 * one subject's fields. Every decryption failure — wrong key, wrong context, altered byte,
 * unknown version — throws the same {@code storage.decrypt.failed} with no detail.
 */
public final class FieldCipher implements FieldEncryption {

  /**
   * The first format: length-prefixed, labelled associated data. Read only; never written again.
   * A new format adds a version, never edits one.
   */
  public static final byte FORMAT_V1 = 0x01;
  /** The format written now: compact associated data (ADR 0004, "Version 2"). */
  public static final byte FORMAT_V2 = 0x02;

  private static final int HEADER = 1 + AesGcm.NONCE_BYTES;

  private final Consumer<byte[]> nonceSource;
  private final byte writtenFormat;

  /**
   * Known-answer tests only, hence package-private: a nonce used twice under one key breaks GCM's
   * confidentiality and integrity. {@code writtenFormat} lets the v1 vectors keep checking v1's
   * encoding byte for byte; the product writes v2 only.
   */
  FieldCipher(Consumer<byte[]> nonceSource, byte writtenFormat) {
    this.nonceSource = Objects.requireNonNull(nonceSource, "nonceSource");
    if (writtenFormat != FORMAT_V1 && writtenFormat != FORMAT_V2) {
      throw new IllegalArgumentException("unknown field format " + writtenFormat);
    }
    this.writtenFormat = writtenFormat;
  }

  public static FieldCipher create() {
    SecureRandom random = new SecureRandom();
    return new FieldCipher(random::nextBytes, FORMAT_V2);
  }

  @Override
  public byte[] encrypt(SecretBytes key, FieldContext context, byte[] plaintext) {
    byte[] nonce = new byte[AesGcm.NONCE_BYTES];
    nonceSource.accept(nonce);
    byte[] out = new byte[HEADER + plaintext.length + AesGcm.TAG_BYTES];
    out[0] = writtenFormat;
    System.arraycopy(nonce, 0, out, 1, nonce.length);
    AesGcm.seal(key, nonce, associatedData(context, writtenFormat), plaintext, out, HEADER);
    return out;
  }

  /** The plaintext; the caller should zero it after use. */
  @Override
  public byte[] decrypt(SecretBytes key, FieldContext context, byte[] stored) {
    if (stored == null || stored.length < HEADER + AesGcm.TAG_BYTES
        || (stored[0] != FORMAT_V2 && stored[0] != FORMAT_V1)) {
      throw AesGcm.decryptFailed();
    }
    // Both formats lay out version, nonce, ciphertext and tag alike; only the associated data
    // differs, and each binds its own version byte, so a relabelled ciphertext fails.
    return AesGcm.openWithNonceAt(key, associatedData(context, stored[0]), stored, 1);
  }

  private static byte[] associatedData(FieldContext context, byte format) {
    return format == FORMAT_V2
        ? context.compactAssociatedData(FORMAT_V2)
        : context.associatedData(FORMAT_V1);
  }
}
