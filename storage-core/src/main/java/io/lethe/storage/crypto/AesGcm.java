package io.lethe.storage.crypto;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a 128-bit tag over caller-supplied nonces: the one place storage-core calls
 * JCE for AEAD. {@code Cipher.getInstance} per call is about seven times slower than re-initing a
 * cached instance (platform-facts.md), so each thread keeps one {@code Cipher}.
 *
 * <p>Thread-safe. Authentication failures throw {@link StorageErrorCode#DECRYPT_FAILED} with no
 * detail and no cause; callers that need another code catch and rethrow it.
 */
public final class AesGcm {

  public static final int KEY_BYTES = 32;
  public static final int NONCE_BYTES = 12;
  public static final int TAG_BYTES = 16;

  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(AesGcm::newCipher);

  private AesGcm() {}

  /** Returns {@code ciphertext ‖ tag}. */
  public static byte[] seal(SecretBytes key, byte[] nonce, byte[] aad, byte[] plaintext) {
    byte[] out = new byte[plaintext.length + TAG_BYTES];
    seal(key, nonce, aad, plaintext, out, 0);
    return out;
  }

  /** Writes {@code ciphertext ‖ tag} into {@code out} from {@code offset}, without a copy. */
  public static void seal(SecretBytes key, byte[] nonce, byte[] aad, byte[] plaintext,
      byte[] out, int offset) {
    try {
      Cipher cipher = init(Cipher.ENCRYPT_MODE, key, nonce, aad);
      cipher.doFinal(plaintext, 0, plaintext.length, out, offset);
    } catch (GeneralSecurityException e) {
      CIPHERS.remove();
      throw new StorageException(StorageErrorCode.CRYPTO_UNAVAILABLE,
          "AES-GCM encryption failed in the crypto provider");
    }
  }

  /** Opens {@code input[offset..offset+length)} holding {@code ciphertext ‖ tag}. */
  public static byte[] open(SecretBytes key, byte[] nonce, byte[] aad,
      byte[] input, int offset, int length) {
    if (nonce.length != NONCE_BYTES) {
      throw decryptFailed();
    }
    return open(key, nonce, 0, aad, input, offset, length);
  }

  /**
   * Opens {@code nonce(12) ‖ ciphertext ‖ tag} laid out in {@code input} from {@code nonceOffset}
   * to its end, as field ciphertexts store it. The nonce is read where it lies rather than copied
   * out first: this runs once for every field of every read.
   */
  public static byte[] openWithNonceAt(SecretBytes key, byte[] aad, byte[] input,
      int nonceOffset) {
    int offset = nonceOffset + NONCE_BYTES;
    if (nonceOffset < 0 || offset > input.length) {
      throw decryptFailed();
    }
    return open(key, input, nonceOffset, aad, input, offset, input.length - offset);
  }

  private static byte[] open(SecretBytes key, byte[] nonceSource, int nonceOffset, byte[] aad,
      byte[] input, int offset, int length) {
    if (length < TAG_BYTES) {
      throw decryptFailed();
    }
    try {
      Cipher cipher = init(Cipher.DECRYPT_MODE, key, nonceSource, nonceOffset, aad);
      return cipher.doFinal(input, offset, length);
    } catch (AEADBadTagException e) {
      throw decryptFailed();
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // A wrong-sized key or nonce comes from corrupt stored data: same opaque answer.
      CIPHERS.remove();
      throw decryptFailed();
    }
  }

  public static StorageException decryptFailed() {
    return new StorageException(StorageErrorCode.DECRYPT_FAILED, "decryption failed");
  }

  private static Cipher init(int mode, SecretBytes key, byte[] nonce, byte[] aad)
      throws GeneralSecurityException {
    if (nonce.length != NONCE_BYTES) {
      throw new GeneralSecurityException("bad nonce size");
    }
    return init(mode, key, nonce, 0, aad);
  }

  /** The nonce is {@code NONCE_BYTES} bytes of {@code source} from {@code nonceOffset}. */
  private static Cipher init(int mode, SecretBytes key, byte[] source, int nonceOffset,
      byte[] aad) throws GeneralSecurityException {
    if (key.size() != KEY_BYTES) {
      throw new GeneralSecurityException("bad key size");
    }
    Cipher cipher = CIPHERS.get();
    cipher.init(mode, key.aesKey(),
        new GCMParameterSpec(TAG_BYTES * 8, source, nonceOffset, NONCE_BYTES));
    if (aad.length > 0) {
      cipher.updateAAD(aad);
    }
    return cipher;
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
      throw new StorageException(StorageErrorCode.CRYPTO_UNAVAILABLE,
          "AES/GCM/NoPadding is not available in this JVM", e);
    }
  }
}
