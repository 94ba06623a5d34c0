package io.lethe.storage.objects;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.AesGcm;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;

/**
 * Tink's segment decryption over the bucket's response ({@link SegmentDecryptingStream}), with
 * failures sorted by cause. The raw
 * response is wrapped so that its I/O errors leave as {@code storage.object.store-unavailable}
 * (unchecked, so they pass through Tink untouched); whatever {@code IOException} Tink itself
 * then throws can only mean the ciphertext did not authenticate, and becomes the opaque
 * {@code storage.decrypt.failed}. Also checks that the plaintext has the recorded length, since
 * the size column is not covered by the stream's authentication.
 *
 * <p>Never uses {@code CipherInputStream}, which buffers a whole GCM message before releasing a
 * byte (platform-facts.md). Not thread-safe.
 */
final class DecryptingContentStream extends FilterInputStream {

  private final InputStream raw;
  private final long expectedSize;
  private final int segmentPlaintext;
  private long seen;

  private DecryptingContentStream(SegmentDecryptingStream decrypting, InputStream raw,
      long expectedSize) {
    super(decrypting);
    this.raw = raw;
    this.expectedSize = expectedSize;
    this.segmentPlaintext = decrypting.maxSegmentPlaintext();
  }

  static InputStream open(AesGcmHkdfStreaming aead, byte[] aad, InputStream raw, long size) {
    try {
      return new DecryptingContentStream(
          new SegmentDecryptingStream(aead, new NetworkStream(raw), aad), raw, size);
    } catch (GeneralSecurityException e) {
      throw AesGcm.decryptFailed();
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n;
    try {
      n = in.read(b, off, len);
    } catch (IOException e) {
      throw AesGcm.decryptFailed();
    }
    if (n > 0) {
      seen += n;
    }
    if (n > 0 && seen > expectedSize || n < 0 && seen != expectedSize) {
      throw AesGcm.decryptFailed();
    }
    return n;
  }

  /**
   * Copies the plaintext to {@code out} a whole segment at a time: each segment is decrypted
   * straight into the buffer that is written out, with no copy in between.
   */
  @Override
  public long transferTo(OutputStream out) throws IOException {
    byte[] buffer = new byte[segmentPlaintext];
    long total = 0;
    for (int n = read(buffer, 0, buffer.length); n >= 0; n = read(buffer, 0, buffer.length)) {
      out.write(buffer, 0, n);
      total += n;
    }
    return total;
  }

  @Override
  public long skip(long n) throws IOException {
    // Through read, so skipped bytes are authenticated and counted too.
    byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    long left = n;
    while (left > 0) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, left));
      if (r < 0) {
        break;
      }
      left -= r;
    }
    return n - Math.max(left, 0);
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      raw.close();
    }
  }

  /** The bucket's response; its I/O errors are the store's, not the ciphertext's. */
  private static final class NetworkStream extends FilterInputStream {

    NetworkStream(InputStream raw) {
      super(raw);
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (IOException e) {
        throw unavailable(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        throw unavailable(e);
      }
    }

    private static StorageException unavailable(IOException e) {
      return new StorageException(StorageErrorCode.OBJECT_STORE_UNAVAILABLE,
          "reading an object from the bucket failed", e);
    }
  }
}
