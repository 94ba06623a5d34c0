package io.lethe.storage.objects;

import io.lethe.storage.crypto.AesGcm;
import io.lethe.storage.crypto.SecretBytes;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Wraps a per-object key under the subject's data key. Stored form (ADR 0005), 61 bytes:
 * {@code 0x01 ‖ nonce(12) ‖ AES-256-GCM(object key, 32) ‖ tag(16)}, with associated data
 * {@link ObjectFormat#wrapAssociatedData}, so a wrapped key moved to another object or subject
 * does not unwrap.
 *
 * <p>Thread-safe. Every unwrap failure throws the same opaque {@code storage.decrypt.failed}.
 */
final class ObjectKeyWrap {

  static final byte VERSION = 0x01;
  private static final int HEADER = 1 + AesGcm.NONCE_BYTES;
  private static final int WRAPPED_BYTES = HEADER + ObjectFormat.KEY_BYTES + AesGcm.TAG_BYTES;

  private final Consumer<byte[]> nonceSource;

  /** Known-answer tests only: a repeated nonce under one subject key breaks GCM. */
  ObjectKeyWrap(Consumer<byte[]> nonceSource) {
    this.nonceSource = Objects.requireNonNull(nonceSource, "nonceSource");
  }

  static ObjectKeyWrap create() {
    SecureRandom random = new SecureRandom();
    return new ObjectKeyWrap(random::nextBytes);
  }

  byte[] wrap(SecretBytes subjectKey, UUID subjectId, UUID objectId, SecretBytes objectKey) {
    byte[] nonce = new byte[AesGcm.NONCE_BYTES];
    nonceSource.accept(nonce);
    byte[] raw = objectKey.revealCopy();
    try {
      byte[] sealed = AesGcm.seal(subjectKey, nonce,
          ObjectFormat.wrapAssociatedData(VERSION, subjectId, objectId), raw);
      byte[] out = new byte[HEADER + sealed.length];
      out[0] = VERSION;
      System.arraycopy(nonce, 0, out, 1, nonce.length);
      System.arraycopy(sealed, 0, out, HEADER, sealed.length);
      return out;
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  SecretBytes unwrap(SecretBytes subjectKey, UUID subjectId, UUID objectId, byte[] wrapped) {
    if (wrapped == null || wrapped.length != WRAPPED_BYTES || wrapped[0] != VERSION) {
      throw AesGcm.decryptFailed();
    }
    byte[] nonce = Arrays.copyOfRange(wrapped, 1, HEADER);
    byte[] raw = AesGcm.open(subjectKey, nonce,
        ObjectFormat.wrapAssociatedData(VERSION, subjectId, objectId),
        wrapped, HEADER, wrapped.length - HEADER);
    try {
      return SecretBytes.copyOf(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }
}
