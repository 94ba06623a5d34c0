package io.lethe.storage.crypto;

import java.security.SecureRandom;

/**
 * Writes field ciphertexts in format v1, as rows stored before v2 hold them, for tests that prove
 * such rows stay readable. The product itself writes v2 only.
 */
public final class FieldFormatV1 {

  private static final FieldCipher WRITER =
      new FieldCipher(new SecureRandom()::nextBytes, FieldCipher.FORMAT_V1);

  private FieldFormatV1() {}

  public static byte[] encrypt(SecretBytes key, FieldContext context, byte[] plaintext) {
    return WRITER.encrypt(key, context, plaintext);
  }
}
