package io.lethe.testsupport.vault;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** The primitives keysutil uses, with Go's failure texts where Vault shows them to clients. */
final class TransitCrypto {

  static final int NONCE_SIZE = 12;

  /** Thrown when a tag does not verify; the message is the Go cipher package's error. */
  static final class AuthFailed extends Exception {
    private static final long serialVersionUID = 1L;

    AuthFailed(String message) {
      super(message, null, false, false);
    }
  }

  /** keysutil.HashTypeMap names to JCA MAC and digest names. */
  static final Map<String, String> HMAC_ALGORITHMS = Map.of(
      "sha1", "HmacSHA1",
      "sha2-224", "HmacSHA224",
      "sha2-256", "HmacSHA256",
      "sha2-384", "HmacSHA384",
      "sha2-512", "HmacSHA512",
      "sha3-224", "HmacSHA3-224",
      "sha3-256", "HmacSHA3-256",
      "sha3-384", "HmacSHA3-384",
      "sha3-512", "HmacSHA3-512");

  static final Map<String, String> DIGESTS = Map.of(
      "sha1", "SHA-1",
      "sha2-224", "SHA-224",
      "sha2-256", "SHA-256",
      "sha2-384", "SHA-384",
      "sha2-512", "SHA-512",
      "sha3-224", "SHA3-224",
      "sha3-256", "SHA3-256",
      "sha3-384", "SHA3-384",
      "sha3-512", "SHA3-512");

  private TransitCrypto() {}

  static byte[] seal(boolean chacha, byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
    try {
      Cipher c = cipher(chacha, Cipher.ENCRYPT_MODE, key, nonce);
      if (aad != null && aad.length > 0) {
        c.updateAAD(aad);
      }
      return c.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] open(boolean chacha, byte[] key, byte[] nonce, byte[] ciphertextAndTag, byte[] aad)
      throws AuthFailed {
    String failure = chacha ? "chacha20poly1305: message authentication failed"
        : "cipher: message authentication failed";
    if (ciphertextAndTag.length < 16) {
      throw new AuthFailed(failure);
    }
    try {
      Cipher c = cipher(chacha, Cipher.DECRYPT_MODE, key, nonce);
      if (aad != null && aad.length > 0) {
        c.updateAAD(aad);
      }
      return c.doFinal(ciphertextAndTag);
    } catch (AEADBadTagException e) {
      throw new AuthFailed(failure);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Cipher cipher(boolean chacha, int mode, byte[] key, byte[] nonce)
      throws GeneralSecurityException {
    if (chacha) {
      Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
      c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
      return c;
    }
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    return c;
  }

  /** RFC 5869 HKDF-SHA256; a null salt is HashLen zero bytes, as in golang.org/x/crypto/hkdf. */
  static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info, int length) {
    byte[] prk = hmac("HmacSHA256", salt == null ? new byte[32] : salt, ikm);
    byte[] out = new byte[length];
    byte[] block = new byte[0];
    int done = 0;
    for (int counter = 1; done < length; counter++) {
      byte[] input = new byte[block.length + info.length + 1];
      System.arraycopy(block, 0, input, 0, block.length);
      System.arraycopy(info, 0, input, block.length, info.length);
      input[input.length - 1] = (byte) counter;
      block = hmac("HmacSHA256", prk, input);
      int n = Math.min(block.length, length - done);
      System.arraycopy(block, 0, out, done, n);
      done += n;
    }
    return out;
  }

  static byte[] hmac(String jcaAlgorithm, byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(jcaAlgorithm);
      // Go's hmac accepts an empty key; JCA does not, and HMAC pads short keys with zeros anyway.
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, jcaAlgorithm));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] digest(String jcaAlgorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(jcaAlgorithm).digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
