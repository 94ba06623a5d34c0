package io.lethe.storage.crypto;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The blind index construction of ADR 0006: a per-field key derived from the index root key with
 * HKDF-SHA256, then HMAC-SHA256 of the normalized value under that key, truncated.
 *
 * <p>Thread-safe. Each thread keeps one {@code Mac}: {@code Mac.getInstance} per call costs more
 * than the HMAC itself.
 *
 * <p><b>Security guarantees.</b> Without the root key a digest is a pseudo-random string: it
 * cannot be inverted or confirmed by hashing candidate values, however small the value space
 * (there are only about 10<sup>9</sup> mobile numbers). Different record types, fields and index
 * versions get independent keys, so equal values do not link across them. Equal values in the
 * same field and version do give equal digests: that is what makes lookup possible, and what a
 * reader of the table learns (ADR 0006).
 */
public final class BlindIndexMac {

  public static final int KEY_BYTES = 32;
  public static final int MIN_DIGEST_BYTES = 8;
  public static final int MAX_DIGEST_BYTES = 32;

  private static final byte[] LABEL = "lethe-blind-index".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ZERO_SALT = new byte[32];
  private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(BlindIndexMac::newMac);

  private BlindIndexMac() {}

  /**
   * HKDF-SHA256 (RFC 5869) with an all-zero salt, 32 bytes of output, and info
   * {@code lp("lethe-blind-index") ‖ lp(version, 4 bytes BE) ‖ lp(type) ‖ lp(field)}.
   */
  public static SecretBytes fieldKey(SecretBytes rootKey, String recordType, String field,
      int version) {
    Objects.requireNonNull(rootKey, "rootKey");
    if (rootKey.size() != KEY_BYTES) {
      throw new IllegalArgumentException("index root key must be " + KEY_BYTES + " bytes");
    }
    byte[] root = rootKey.revealCopy();
    byte[] prk = null;
    byte[] okm = null;
    try {
      prk = hmac(ZERO_SALT, root);
      okm = hmac(prk, concat(info(recordType, field, version), new byte[] {1}));
      return SecretBytes.copyOf(okm);
    } finally {
      SecretBytes.zero(root);
      SecretBytes.zero(prk);
      SecretBytes.zero(okm);
    }
  }

  /** The first {@code length} bytes of HMAC-SHA256(fieldKey, UTF-8 of the normalized value). */
  public static byte[] digest(SecretBytes fieldKey, String normalizedValue, int length) {
    Objects.requireNonNull(normalizedValue, "normalizedValue");
    if (length < MIN_DIGEST_BYTES || length > MAX_DIGEST_BYTES) {
      throw new IllegalArgumentException("digest length must be between "
          + MIN_DIGEST_BYTES + " and " + MAX_DIGEST_BYTES + " bytes");
    }
    byte[] key = fieldKey.revealCopy();
    byte[] value = normalizedValue.getBytes(StandardCharsets.UTF_8);
    try {
      byte[] full = hmac(key, value);
      byte[] out = Arrays.copyOf(full, length);
      SecretBytes.zero(full);
      return out;
    } finally {
      SecretBytes.zero(key);
      SecretBytes.zero(value);
    }
  }

  static byte[] info(String recordType, String field, int version) {
    if (version < 1) {
      throw new IllegalArgumentException("index version must be at least 1");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    element(out, LABEL);
    element(out, ByteBuffer.allocate(4).putInt(version).array());
    element(out, recordType.getBytes(StandardCharsets.UTF_8));
    element(out, field.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static byte[] hmac(byte[] key, byte[] message) {
    Mac mac = MACS.get();
    try {
      // SecretKeySpec keeps a copy Java 17 cannot zero; the caller zeroes its own.
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      MACS.remove();
      throw new StorageException(StorageErrorCode.CRYPTO_UNAVAILABLE,
          "HMAC-SHA256 failed in the crypto provider");
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void element(ByteArrayOutputStream out, byte[] value) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
    out.writeBytes(value);
  }

  private static Mac newMac() {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (NoSuchAlgorithmException e) {
      throw new StorageException(StorageErrorCode.CRYPTO_UNAVAILABLE,
          "HmacSHA256 is not available in this JVM", e);
    }
  }
}
