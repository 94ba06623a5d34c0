package io.lethe.storage.objects;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import com.google.crypto.tink.subtle.StreamSegmentEncrypter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Pull-side encryption: reading this stream yields the Tink ciphertext of {@code source}, one
 * segment at a time. Tink only offers push-side encrypting streams, and the S3 client pulls;
 * this avoids a pipe and a thread. Output is byte-for-byte what Tink's own encrypting stream
 * writes: header, then segments, the last flagged, a full last segment not followed by an
 * empty one. Holds one plaintext and one ciphertext segment whatever the content's length.
 *
 * <p>Not thread-safe. Failures of the source or a length that differs from the declared one
 * end the stream with an {@code IOException} and are kept in {@link #failure()}, so the store
 * can report them under their own code rather than as a bucket failure.
 */
final class EncryptingInputStream extends InputStream {

  /** Why the stream stopped early; the messages hold no content. */
  enum Failure { NONE, SOURCE, SIZE_MISMATCH }

  private final InputStream source;
  private final StreamSegmentEncrypter encrypter;
  private final int segmentPlaintext;
  private final int firstSegmentPlaintext;
  private final long declaredLength;
  private final ByteBuffer plain;
  private final ByteBuffer out;
  private int lookahead = -1;
  private long plaintextBytes;
  private boolean started;
  private boolean finished;
  private Failure failure = Failure.NONE;
  private Throwable sourceError;

  EncryptingInputStream(AesGcmHkdfStreaming aead, byte[] aad, InputStream source,
      long declaredLength) throws GeneralSecurityException {
    this.source = Objects.requireNonNull(source, "source");
    this.encrypter = aead.newStreamSegmentEncrypter(aad);
    this.segmentPlaintext = aead.getPlaintextSegmentSize();
    this.firstSegmentPlaintext = segmentPlaintext - aead.getCiphertextOffset();
    this.declaredLength = declaredLength;
    this.plain = ByteBuffer.allocate(segmentPlaintext);
    this.out = ByteBuffer.allocate(aead.getCiphertextSegmentSize());
    out.put(encrypter.getHeader()).flip();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    while (!out.hasRemaining()) {
      if (finished) {
        return -1;
      }
      nextSegment();
    }
    int n = Math.min(len, out.remaining());
    out.get(b, off, n);
    return n;
  }

  /** Plaintext bytes consumed so far; the object's size once the stream is exhausted. */
  long plaintextBytes() {
    return plaintextBytes;
  }

  Failure failure() {
    return failure;
  }

  /** What the source threw, for operators; null unless {@link #failure()} is SOURCE. */
  Throwable sourceError() {
    return sourceError;
  }

  private void nextSegment() throws IOException {
    plain.clear().limit(started ? segmentPlaintext : firstSegmentPlaintext);
    started = true;
    if (lookahead >= 0) {
      plain.put((byte) lookahead);
      lookahead = -1;
    }
    fill();
    boolean last = plain.hasRemaining() || (lookahead = readSource()) < 0;
    plaintextBytes += plain.position();
    if (declaredLength >= 0 && (plaintextBytes + (last ? 0 : 1) > declaredLength
        || last && plaintextBytes != declaredLength)) {
      throw fail(Failure.SIZE_MISMATCH, "content length differs from the declared length");
    }
    plain.flip();
    out.clear();
    try {
      encrypter.encryptSegment(plain, last, out);
    } catch (GeneralSecurityException e) {
      throw new IOException("segment encryption failed in the crypto provider");
    }
    out.flip();
    finished = last;
  }

  private void fill() throws IOException {
    while (plain.hasRemaining()) {
      int n = readSource(plain.array(), plain.position(), plain.remaining());
      if (n < 0) {
        return;
      }
      plain.position(plain.position() + n);
    }
  }

  private int readSource() throws IOException {
    byte[] one = new byte[1];
    int n;
    while ((n = readSource(one, 0, 1)) == 0) {
      // An InputStream may return 0 for a non-empty buffer only by contract violation; retry.
    }
    return n < 0 ? -1 : one[0] & 0xff;
  }

  private int readSource(byte[] b, int off, int len) throws IOException {
    try {
      return source.read(b, off, len);
    } catch (IOException | RuntimeException e) {
      sourceError = e;
      throw fail(Failure.SOURCE, "the content stream failed");
    }
  }

  private IOException fail(Failure why, String message) {
    failure = why;
    finished = true;
    out.clear().flip();
    return new IOException(message);
  }
}
