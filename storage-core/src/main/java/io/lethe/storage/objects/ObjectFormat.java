package io.lethe.storage.objects;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.SecretBytes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.UUID;

/**
 * Object format v1 (ADR 0005): the bucket holds a plain Tink AES-GCM-HKDF streaming ciphertext
 * (HKDF-SHA256, 256-bit derived keys, 256 KiB ciphertext segments, no first-segment offset) under
 * the per-object key, with associated data that names subject and object.
 *
 * <p>Thread-safe: static functions only.
 */
final class ObjectFormat {

  static final int V1 = 1;
  static final int KEY_BYTES = 32;
  static final int CIPHERTEXT_SEGMENT_BYTES = 256 * 1024;
  static final String HKDF = "HmacSha256";

  private static final byte[] STREAM_LABEL = "lethe-object".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] WRAP_LABEL = "lethe-object-key".getBytes(StandardCharsets.US_ASCII);

  private ObjectFormat() {}

  /** The streaming AEAD for one object key. Tink keeps its own copy of the key bytes. */
  static AesGcmHkdfStreaming streaming(SecretBytes objectKey) {
    if (objectKey.size() != KEY_BYTES) {
      throw new StorageException(StorageErrorCode.DECRYPT_FAILED, "decryption failed");
    }
    byte[] ikm = objectKey.revealCopy();
    try {
      return new AesGcmHkdfStreaming(ikm, HKDF, KEY_BYTES, CIPHERTEXT_SEGMENT_BYTES, 0);
    } catch (GeneralSecurityException e) {
      throw new StorageException(StorageErrorCode.CRYPTO_UNAVAILABLE,
          "AES-GCM-HKDF streaming is not available in this JVM");
    } finally {
      Arrays.fill(ikm, (byte) 0);
    }
  }

  /** {@code lp("lethe-object") ‖ lp([format]) ‖ lp(subject id) ‖ lp(object id)}. */
  static byte[] streamAssociatedData(int format, UUID subjectId, UUID objectId) {
    return encode(STREAM_LABEL, format, subjectId, objectId);
  }

  /** {@code lp("lethe-object-key") ‖ lp([format]) ‖ lp(subject id) ‖ lp(object id)}. */
  static byte[] wrapAssociatedData(int format, UUID subjectId, UUID objectId) {
    return encode(WRAP_LABEL, format, subjectId, objectId);
  }

  /** Each element as a 4-byte big-endian length and its bytes, as ADR 0004: injective. */
  private static byte[] encode(byte[] label, int format, UUID subjectId, UUID objectId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(80);
    element(out, label);
    element(out, new byte[] {(byte) format});
    element(out, uuid(subjectId));
    element(out, uuid(objectId));
    return out.toByteArray();
  }

  private static void element(ByteArrayOutputStream out, byte[] value) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
    out.writeBytes(value);
  }

  private static byte[] uuid(UUID id) {
    return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits()).array();
  }
}
