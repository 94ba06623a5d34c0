package io.lethe.storage.keys;

import io.lethe.storage.crypto.SecretBytes;
import java.util.Objects;

/**
 * A fresh data key: the plaintext to use now and the wrapped form to store. Not a record, because
 * it holds a secret; {@link #close()} destroys the plaintext.
 */
public final class DataKey implements AutoCloseable {

  private final SecretBytes plaintext;
  private final WrappedKey wrapped;

  public DataKey(SecretBytes plaintext, WrappedKey wrapped) {
    this.plaintext = Objects.requireNonNull(plaintext, "plaintext");
    this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
  }

  public SecretBytes plaintext() {
    return plaintext;
  }

  public WrappedKey wrapped() {
    return wrapped;
  }

  @Override
  public void close() {
    plaintext.destroy();
  }

  @Override
  public String toString() {
    return "DataKey[wrapped=" + wrapped + "]";
  }
}
