package io.lethe.benchmarks.plaintext;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.FieldContext;
import io.lethe.storage.crypto.FieldEncryption;
import io.lethe.storage.crypto.SecretBytes;

/**
 * Stores field values as they are, behind a format byte of its own: the reference that shows
 * what field encryption costs in the end-to-end load (ADR 0018). It lives only in the
 * benchmarks' separate jar, which the server sees only when the load adds it to the class path
 * and names it in {@code lethe.storage.insecure-field-encryption}.
 *
 * <p>Security guarantees: none. Lethe's own ciphertexts (format bytes {@code 0x01} and
 * {@code 0x02}) are refused, and Lethe refuses these ({@code 0x00}), so a database written with
 * it never passes for an encrypted one.
 */
public final class PlaintextFieldEncryption implements FieldEncryption {

  static final byte FORMAT_PLAINTEXT = 0x00;

  @Override
  public byte[] encrypt(SecretBytes key, FieldContext context, byte[] plaintext) {
    byte[] out = new byte[plaintext.length + 1];
    out[0] = FORMAT_PLAINTEXT;
    System.arraycopy(plaintext, 0, out, 1, plaintext.length);
    return out;
  }

  @Override
  public byte[] decrypt(SecretBytes key, FieldContext context, byte[] stored) {
    if (stored == null || stored.length < 1 || stored[0] != FORMAT_PLAINTEXT) {
      throw new StorageException(StorageErrorCode.DECRYPT_FAILED, "decryption failed");
    }
    byte[] out = new byte[stored.length - 1];
    System.arraycopy(stored, 1, out, 0, out.length);
    return out;
  }
}
