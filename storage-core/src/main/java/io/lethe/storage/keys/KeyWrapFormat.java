package io.lethe.storage.keys;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.AesGcm;
import io.lethe.storage.crypto.SecretBytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The local keyring's wrapped-key form (ADR 0003):
 * {@code lethe-kr:v<version>:base64(nonce(12) ‖ ciphertext(32) ‖ tag(16))}, AES-256-GCM under the
 * KEK of that version, with associated data binding keyring id and version. It names its version
 * like Vault Transit's {@code vault:v1:...}, so an operator reading a row can tell which KEK
 * version wrapped it.
 */
final class KeyWrapFormat {

  private static final String PREFIX = "lethe-kr:v";
  private static final byte[] LABEL = "lethe-kek-wrap".getBytes(StandardCharsets.US_ASCII);

  private KeyWrapFormat() {}

  static WrappedKey wrap(String kekId, int version, SecretBytes kek, SecretBytes key,
      SecureRandom random) {
    byte[] nonce = new byte[AesGcm.NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] raw = key.revealCopy();
    byte[] sealed;
    try {
      sealed = AesGcm.seal(kek, nonce, aad(kekId, version), raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
    byte[] blob = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    return new WrappedKey(kekId, version,
        PREFIX + version + ":" + Base64.getEncoder().encodeToString(blob));
  }

  /** The caller has checked that {@code kek} is the KEK of {@code wrapped}'s id and version. */
  static SecretBytes unwrap(WrappedKey wrapped, SecretBytes kek) {
    byte[] blob = parse(wrapped);
    byte[] key;
    try {
      key = AesGcm.open(kek, Arrays.copyOf(blob, AesGcm.NONCE_BYTES),
          aad(wrapped.kekId(), wrapped.kekVersion()), blob, AesGcm.NONCE_BYTES,
          blob.length - AesGcm.NONCE_BYTES);
    } catch (StorageException e) {
      throw unwrapFailed();
    }
    try {
      return SecretBytes.copyOf(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The version in the text must match the record's, or someone relabelled the key. */
  private static byte[] parse(WrappedKey wrapped) {
    String expected = PREFIX + wrapped.kekVersion() + ":";
    if (!wrapped.ciphertext().startsWith(expected)) {
      throw unwrapFailed();
    }
    try {
      byte[] blob = Base64.getDecoder().decode(wrapped.ciphertext().substring(expected.length()));
      if (blob.length < AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES) {
        throw unwrapFailed();
      }
      return blob;
    } catch (IllegalArgumentException e) {
      throw unwrapFailed();
    }
  }

  private static byte[] aad(String kekId, int version) {
    byte[] id = kekId.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + LABEL.length + 4 + id.length + 4 + 4)
        .putInt(LABEL.length).put(LABEL)
        .putInt(id.length).put(id)
        .putInt(4).putInt(version)
        .array();
  }

  private static StorageException unwrapFailed() {
    return new StorageException(StorageErrorCode.KEY_UNWRAP_FAILED,
        "the wrapped key failed authentication");
  }
}
