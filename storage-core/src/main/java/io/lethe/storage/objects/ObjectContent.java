package io.lethe.storage.objects;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An object being read: its metadata and a stream that downloads and decrypts one segment at a
 * time, so memory stays constant whatever the size. Close it (try-with-resources) to release the
 * connection to the bucket.
 *
 * <p><b>Failures while reading.</b> The stream throws {@link io.lethe.storage.StorageException}
 * (unchecked) rather than {@code IOException}: {@code storage.decrypt.failed}, with no detail,
 * when the stored bytes were altered, truncated, reordered or belong to another object, and
 * {@code storage.object.store-unavailable} when the bucket connection fails. Bytes already
 * returned came from authenticated segments, but a failure means the object as a whole is not
 * authentic: discard everything read so far.
 *
 * <p>Not thread-safe: one reader at a time, as with any {@code InputStream}.
 */
public final class ObjectContent implements Closeable {

  private final String contentType;
  private final long size;
  private final InputStream stream;

  ObjectContent(String contentType, long size, InputStream stream) {
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.size = size;
    this.stream = Objects.requireNonNull(stream, "stream");
  }

  public String contentType() {
    return contentType;
  }

  /** The plaintext length in bytes, as recorded when the object was stored. */
  public long size() {
    return size;
  }

  /** The decrypted content; read it once. */
  public InputStream stream() {
    return stream;
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }

  @Override
  public String toString() {
    return "ObjectContent[contentType=" + contentType + ", size=" + size + "]";
  }
}
