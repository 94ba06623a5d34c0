package io.lethe.storage.crypto;

/**
 * Turns one field value into its stored form and back, under the subject key and bound to the
 * field's {@link FieldContext}. Lethe's implementation is {@link FieldCipher} (ADR 0004); the
 * record store takes this interface only so that a benchmark can measure what field encryption
 * costs end to end against a stand-in that does not encrypt (ADR 0018), never to offer another
 * format.
 *
 * <p>Implementations are thread-safe.
 *
 * <p><b>Security guarantees.</b> Those of the implementation: {@link #aesGcm()} gives
 * confidentiality and integrity under the subject key and refuses a stored form read in any other
 * context. Decryption failures throw {@code storage.decrypt.failed} with no detail.
 */
public interface FieldEncryption {

  /** Lethe's field encryption: AES-256-GCM, writes format v2 and reads v1 and v2 (ADR 0004). */
  static FieldEncryption aesGcm() {
    return FieldCipher.create();
  }

  /** The stored form of {@code plaintext}; the caller keeps ownership of the array. */
  byte[] encrypt(SecretBytes key, FieldContext context, byte[] plaintext);

  /** The plaintext of {@code stored}; the caller should zero it after use. */
  byte[] decrypt(SecretBytes key, FieldContext context, byte[] stored);
}
