package io.lethe.storage.objects;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import java.io.InputStream;
import java.security.GeneralSecurityException;

/**
 * One upload: encrypts the caller's stream while the S3 client reads it, and sorts a failure by
 * its cause — the caller's stream, a wrong declared length, or the bucket — since the SDK
 * reports all three as its own exception.
 */
final class EncryptedUpload {

  private EncryptedUpload() {}

  /**
   * Uploads and returns the plaintext length. With a declared length the ciphertext length is
   * known in advance ({@link AesGcmHkdfStreaming#expectedCiphertextSize}), so the SDK streams
   * without buffering the whole object.
   */
  static long run(Bucket bucket, String key, AesGcmHkdfStreaming aead, byte[] aad,
      InputStream content, long declaredLength) {
    EncryptingInputStream encrypting;
    try {
      encrypting = new EncryptingInputStream(aead, aad, content, declaredLength);
    } catch (GeneralSecurityException e) {
      throw new StorageException(StorageErrorCode.CRYPTO_UNAVAILABLE,
          "object encryption failed in the crypto provider");
    }
    try {
      bucket.put(key, encrypting,
          declaredLength >= 0 ? aead.expectedCiphertextSize(declaredLength) : -1);
    } catch (StorageException e) {
      throw switch (encrypting.failure()) {
        case NONE -> e;
        case SIZE_MISMATCH -> new StorageException(StorageErrorCode.OBJECT_SIZE_MISMATCH,
            "the content's length differs from the declared " + declaredLength + " bytes");
        case SOURCE -> new StorageException(StorageErrorCode.OBJECT_INPUT_FAILED,
            "the content stream failed while it was uploaded", encrypting.sourceError());
      };
    }
    return encrypting.plaintextBytes();
  }
}
