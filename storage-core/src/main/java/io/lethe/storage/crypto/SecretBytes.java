package io.lethe.storage.crypto;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;

/**
 * Key material. Not a record on purpose: a record would print its bytes in {@code toString} and
 * compare them by reference. Here {@code toString} shows only the length, {@code equals} runs in
 * constant time, and the bytes leave only through {@link #revealCopy()}, a name that stands out
 * in review.
 *
 * <p>Thread-safe. After {@link #destroy()} the bytes are zeroed and every access throws
 * {@link StorageErrorCode#KEY_UNAVAILABLE}.
 */
public final class SecretBytes implements Destroyable, AutoCloseable {

  private final byte[] bytes;
  private boolean destroyed;
  /**
   * The JCE key object for AES, built once per secret rather than once per operation. Volatile so
   * that every field operation after the first reads it without taking the lock.
   */
  private volatile SecretKeySpec aesKey;

  private SecretBytes(byte[] owned) {
    this.bytes = owned;
  }

  /** A copy of {@code source}; the caller remains responsible for zeroing its own array. */
  public static SecretBytes copyOf(byte[] source) {
    if (source == null || source.length == 0) {
      throw new IllegalArgumentException("secret must have at least one byte");
    }
    return new SecretBytes(source.clone());
  }

  /** {@code length} bytes from {@code random}. */
  public static SecretBytes random(int length, SecureRandom random) {
    if (length <= 0) {
      throw new IllegalArgumentException("length must be positive");
    }
    byte[] b = new byte[length];
    random.nextBytes(b);
    return new SecretBytes(b);
  }

  public int size() {
    return bytes.length;
  }

  /**
   * A fresh copy of the bytes. The caller must zero it ({@code Arrays.fill(b, (byte) 0)}) as soon
   * as it is no longer needed.
   */
  public synchronized byte[] revealCopy() {
    checkAlive();
    return bytes.clone();
  }

  @Override
  public synchronized void destroy() {
    // Unpublish the key object first: from here on, aesKey() takes the lock and sees destroyed.
    SecretKeySpec built = aesKey;
    aesKey = null;
    Arrays.fill(bytes, (byte) 0);
    destroyed = true;
    if (built != null) {
      try {
        built.destroy();
      } catch (DestroyFailedException notOnThisJdk) {
        // Java 17's SecretKeySpec cannot zero its copy; dropping the reference is all we can do.
      }
    }
  }

  /**
   * The AES key object for the JCE. Built once and kept with the secret: a new SecretKeySpec per
   * operation would leave one more unzeroable copy of the key on the heap each time.
   */
  SecretKeySpec aesKey() {
    SecretKeySpec built = aesKey;
    return built != null ? built : buildAesKey();
  }

  private synchronized SecretKeySpec buildAesKey() {
    checkAlive();
    if (aesKey == null) {
      aesKey = new SecretKeySpec(bytes, "AES");
    }
    return aesKey;
  }

  @Override
  public synchronized boolean isDestroyed() {
    return destroyed;
  }

  /** Same as {@link #destroy()}, so keys can live in try-with-resources. */
  @Override
  public void close() {
    destroy();
  }

  /** Constant time in the content; a destroyed secret equals nothing. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SecretBytes other)) {
      return false;
    }
    byte[] mine = null;
    byte[] theirs = null;
    try {
      mine = revealCopy();
      theirs = other.revealCopy();
      return MessageDigest.isEqual(mine, theirs);
    } catch (StorageException destroyedOne) {
      return false;
    } finally {
      zero(mine);
      zero(theirs);
    }
  }

  /** Depends on the length only, so a hash table cannot become a timing oracle on the bytes. */
  @Override
  public int hashCode() {
    return bytes.length;
  }

  @Override
  public String toString() {
    return "SecretBytes[" + bytes.length + " bytes]";
  }

  private void checkAlive() {
    if (destroyed) {
      throw new StorageException(StorageErrorCode.KEY_UNAVAILABLE, "key material was destroyed");
    }
  }

  static void zero(byte[] b) {
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }
}
