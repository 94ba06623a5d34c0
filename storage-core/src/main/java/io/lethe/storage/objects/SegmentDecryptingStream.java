package io.lethe.storage.objects;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import com.google.crypto.tink.subtle.StreamSegmentDecrypter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Reads Tink's AES-GCM-HKDF streaming ciphertext (ADR 0005) segment by segment with Tink's own
 * segment decrypter, as Tink's decrypting stream does, with one difference: a read whose buffer
 * holds a whole segment gets the segment decrypted straight into it, where Tink's stream always
 * decrypts into its own buffer and copies out. A read returns at most one segment's plaintext.
 *
 * <p>Every {@code IOException} it throws means the ciphertext did not authenticate or is cut
 * short; the source's own failures must be unchecked to be told apart (see
 * {@link DecryptingContentStream}). Not thread-safe.
 */
final class SegmentDecryptingStream extends InputStream {

  private final InputStream in;
  private final StreamSegmentDecrypter decrypter;
  private final byte[] associatedData;
  private final int headerLength;
  private final int overhead;
  // One ciphertext segment and one byte more: a segment is the last one when no byte follows it.
  private final ByteBuffer ciphertext;
  private final ByteBuffer plaintext;
  private final int segmentBytes;
  private final int maxPlaintext;
  private final int firstSegmentBytes;
  private boolean headerRead;
  private boolean endOfCiphertext;
  private boolean failed;
  private int segment;

  SegmentDecryptingStream(AesGcmHkdfStreaming aead, InputStream in, byte[] associatedData)
      throws GeneralSecurityException {
    this.in = in;
    this.decrypter = aead.newStreamSegmentDecrypter();
    this.associatedData = associatedData.clone();
    this.headerLength = aead.getHeaderLength();
    this.overhead = aead.getCiphertextOverhead();
    this.segmentBytes = aead.getCiphertextSegmentSize();
    this.firstSegmentBytes = segmentBytes - aead.getCiphertextOffset();
    this.ciphertext = ByteBuffer.allocate(segmentBytes + 1);
    this.maxPlaintext = aead.getPlaintextSegmentSize();
    // As large as Tink's own stream makes it: room for the tag as well.
    this.plaintext = ByteBuffer.allocate(maxPlaintext + overhead);
    plaintext.limit(0);
  }

  /** The most plaintext one segment holds: a buffer this large always takes a whole segment. */
  int maxSegmentPlaintext() {
    return maxPlaintext;
  }

  @Override
  public int read() throws IOException {
    byte[] one = readNBytes(1);
    return one.length == 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (failed) {
      throw new IOException("the ciphertext did not authenticate");
    }
    if (len == 0) {
      return 0;
    }
    if (!plaintext.hasRemaining()) {
      if (!headerRead) {
        readHeader();
      } else if (endOfCiphertext) {
        return -1;
      }
      int plain = readSegment() - overhead;
      if (plain > 0 && len >= plain) {
        decrypt(ByteBuffer.wrap(b, off, plain), b, off, plain);
        return plain;
      }
      plaintext.clear();
      decrypt(plaintext, plaintext.array(), 0, plaintext.capacity());
      plaintext.flip();
      if (!plaintext.hasRemaining()) {
        return endOfCiphertext ? -1 : 0;
      }
    }
    int n = Math.min(len, plaintext.remaining());
    plaintext.get(b, off, n);
    return n;
  }

  private void readHeader() throws IOException {
    ByteBuffer header = ByteBuffer.allocate(headerLength);
    fill(header);
    if (header.hasRemaining()) {
      failed = true;
      throw new IOException("the ciphertext is shorter than its header");
    }
    header.flip();
    try {
      decrypter.init(header, associatedData);
    } catch (GeneralSecurityException e) {
      failed = true;
      throw new IOException("the ciphertext header is invalid", e);
    }
    headerRead = true;
    ciphertext.clear().limit(firstSegmentBytes + 1);
  }

  /** Reads the next segment into {@code ciphertext}, ready to decrypt; returns its length. */
  private int readSegment() throws IOException {
    fill(ciphertext);
    endOfCiphertext = ciphertext.hasRemaining();
    ciphertext.flip();
    if (!endOfCiphertext) {
      ciphertext.limit(ciphertext.limit() - 1); // the look-ahead byte starts the next segment
    }
    return ciphertext.remaining();
  }

  /** Decrypts the segment in {@code ciphertext} into {@code target}, then keeps the look-ahead. */
  private void decrypt(ByteBuffer target, byte[] array, int from, int length) throws IOException {
    byte next = endOfCiphertext ? 0 : ciphertext.array()[ciphertext.limit()];
    try {
      decrypter.decryptSegment(ciphertext, segment, endOfCiphertext, target);
    } catch (GeneralSecurityException | RuntimeException e) {
      failed = true;
      // Nothing unauthenticated stays in a caller's buffer.
      Arrays.fill(array, from, from + length, (byte) 0);
      throw new IOException("a ciphertext segment did not authenticate", e);
    }
    segment++;
    ciphertext.clear();
    if (!endOfCiphertext) {
      ciphertext.limit(segmentBytes + 1);
      ciphertext.put(next);
    }
  }

  /** Reads until {@code buffer} is full or the source ends. */
  private void fill(ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      int n = in.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
      if (n < 0) {
        return;
      }
      if (n == 0) {
        throw new IOException("the ciphertext source returned no bytes");
      }
      buffer.position(buffer.position() + n);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
