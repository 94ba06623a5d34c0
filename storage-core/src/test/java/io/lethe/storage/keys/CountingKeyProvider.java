package io.lethe.storage.keys;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.SecretBytes;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test decorator of our own interface (not a mock of a server): counts the calls that reach
 * the real provider behind it, and can simulate a crash on the n-th {@code rewrapAll}.
 */
public final class CountingKeyProvider implements KeyProvider {

  private final KeyProvider real;
  public final AtomicInteger unwraps = new AtomicInteger();
  public final AtomicInteger rewraps = new AtomicInteger();
  public final AtomicInteger rewrapAllCalls = new AtomicInteger();
  private volatile int failOnRewrapAllCall = -1;

  public CountingKeyProvider(KeyProvider real) {
    this.real = real;
  }

  @Override
  public String kekId() {
    return real.kekId();
  }

  @Override
  public WrappedKey wrap(SecretBytes key) {
    return real.wrap(key);
  }

  /** The {@code n}-th rewrapAll call (1-based) throws as if Vault went away mid-run. */
  public CountingKeyProvider failOnRewrapAllCall(int n) {
    failOnRewrapAllCall = n;
    return this;
  }

  @Override
  public SecretBytes unwrap(WrappedKey wrapped) {
    unwraps.incrementAndGet();
    return real.unwrap(wrapped);
  }

  @Override
  public List<RewrapOutcome> rewrapAll(List<WrappedKey> wrapped) {
    if (rewrapAllCalls.incrementAndGet() == failOnRewrapAllCall) {
      throw new StorageException(StorageErrorCode.VAULT_UNREACHABLE, "simulated crash");
    }
    return real.rewrapAll(wrapped);
  }

  @Override
  public WrappedKey rewrap(WrappedKey wrapped) {
    rewraps.incrementAndGet();
    return real.rewrap(wrapped);
  }

  @Override
  public DataKey generateDataKey() {
    return real.generateDataKey();
  }

  @Override
  public void rotate() {
    real.rotate();
  }

  @Override
  public int currentVersion() {
    return real.currentVersion();
  }

  @Override
  public int minDecryptionVersion() {
    return real.minDecryptionVersion();
  }

  @Override
  public void setMinDecryptionVersion(int version) {
    real.setMinDecryptionVersion(version);
  }
}
