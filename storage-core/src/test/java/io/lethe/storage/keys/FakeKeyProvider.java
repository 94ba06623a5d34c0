package io.lethe.storage.keys;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of our own interface: "unwraps" to SHA-256 of the ciphertext, counts unwraps,
 * keeps every key it handed out (so a test can see whether the cache zeroed it), and can hold
 * unwraps at a gate until the test opens it.
 */
final class FakeKeyProvider implements KeyProvider {

  final AtomicInteger unwraps = new AtomicInteger();
  final List<SecretBytes> handedOut = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  volatile boolean failNext;

  static WrappedKey wrapped(int n) {
    return new WrappedKey("fake", 1, "fake:v1:" + n);
  }

  void closeGate() {
    gate = new CountDownLatch(1);
  }

  void openGate() {
    gate.countDown();
  }

  @Override
  public String kekId() {
    return "fake";
  }

  /** Not a wrapping at all: this fake derives keys from ciphertexts and cannot take one in. */
  @Override
  public WrappedKey wrap(SecretBytes key) {
    throw new UnsupportedOperationException("the fake provider only unwraps");
  }

  @Override
  public SecretBytes unwrap(WrappedKey wrapped) {
    unwraps.incrementAndGet();
    if (failNext) {
      failNext = false;
      throw new StorageException(StorageErrorCode.KEY_UNWRAP_FAILED, "simulated failure");
    }
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
      SecretBytes key = SecretBytes.copyOf(MessageDigest.getInstance("SHA-256")
          .digest(wrapped.ciphertext().getBytes(StandardCharsets.UTF_8)));
      handedOut.add(key);
      return key;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public DataKey generateDataKey() {
    throw new UnsupportedOperationException();
  }

  @Override
  public WrappedKey rewrap(WrappedKey wrapped) {
    return new WrappedKey(wrapped.kekId(), wrapped.kekVersion() + 1, wrapped.ciphertext() + "'");
  }

  @Override
  public void rotate() {}

  @Override
  public int currentVersion() {
    return 1;
  }

  @Override
  public int minDecryptionVersion() {
    return 1;
  }

  @Override
  public void setMinDecryptionVersion(int version) {}
}
