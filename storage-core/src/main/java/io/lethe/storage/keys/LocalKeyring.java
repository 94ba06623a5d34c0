package io.lethe.storage.keys;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.AesGcm;
import io.lethe.storage.crypto.SecretBytes;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;

/**
 * The embedded KEK store: versioned KEKs in one passphrase-sealed file (ADR 0003). The state is
 * an immutable snapshot swapped only after the file on disk holds it, so a failed write leaves
 * the keyring as it was, and readers never take a lock.
 */
final class LocalKeyring implements KeyProvider {

  private final KeyringStore store;
  private final KeyringFile.Seal seal;
  private final SecureRandom random;
  private volatile KeyringState state;

  private LocalKeyring(KeyringStore store, KeyringFile.Seal seal, KeyringState state,
      SecureRandom random) {
    this.store = store;
    this.seal = seal;
    this.state = state;
    this.random = random;
  }

  static LocalKeyring openOrCreate(Path file, char[] passphrase, int iterationsForNewFile) {
    if (passphrase == null || passphrase.length == 0) {
      throw new StorageException(StorageErrorCode.KEYRING_PASSPHRASE,
          "the keyring passphrase must not be empty");
    }
    SecureRandom random = new SecureRandom();
    KeyringStore store = new KeyringStore(file);
    byte[] existing = store.readIfExists();
    if (existing != null) {
      KeyringFile.Opened opened = KeyringFile.read(existing, passphrase);
      return new LocalKeyring(store, opened.seal(), opened.state(), random);
    }
    if (passphrase.length < 12) {
      throw new StorageException(StorageErrorCode.KEYRING_PASSPHRASE,
          "a new keyring needs a passphrase of at least 12 characters");
    }
    KeyringFile.Seal seal = KeyringFile.newSeal(passphrase, iterationsForNewFile, random);
    String id = "local-" + UUID.randomUUID();
    KeyringState first = new KeyringState(id,
        List.of(SecretBytes.random(AesGcm.KEY_BYTES, random)), 1);
    store.replace(KeyringFile.write(first, seal, random));
    return new LocalKeyring(store, seal, first, random);
  }

  @Override
  public String kekId() {
    return state.id();
  }

  @Override
  public WrappedKey wrap(SecretBytes key) {
    return wrap(state, key);
  }

  @Override
  public DataKey generateDataKey() {
    SecretBytes key = SecretBytes.random(AesGcm.KEY_BYTES, random);
    return new DataKey(key, wrap(state, key));
  }

  @Override
  public SecretBytes unwrap(WrappedKey wrapped) {
    KeyringState s = state;
    if (!s.id().equals(wrapped.kekId())) {
      throw new StorageException(StorageErrorCode.KEY_UNAVAILABLE,
          "the key was wrapped by another KEK than this keyring's");
    }
    if (!s.canDecryptWith(wrapped.kekVersion())) {
      throw new StorageException(StorageErrorCode.KEY_UNAVAILABLE,
          "KEK version " + wrapped.kekVersion() + " is retired or unknown (usable: "
              + s.minDecryptionVersion() + ".." + s.currentVersion() + ")");
    }
    return KeyWrapFormat.unwrap(wrapped, s.kek(wrapped.kekVersion()));
  }

  @Override
  public WrappedKey rewrap(WrappedKey wrapped) {
    try (SecretBytes key = unwrap(wrapped)) {
      return wrap(state, key);
    }
  }

  @Override
  public synchronized void rotate() {
    KeyringState next = state.withNewVersion(SecretBytes.random(AesGcm.KEY_BYTES, random));
    store.replace(KeyringFile.write(next, seal, random));
    state = next;
  }

  @Override
  public int currentVersion() {
    return state.currentVersion();
  }

  @Override
  public int minDecryptionVersion() {
    return state.minDecryptionVersion();
  }

  @Override
  public synchronized void setMinDecryptionVersion(int version) {
    KeyringState s = state;
    if (version < s.minDecryptionVersion() || version > s.currentVersion()) {
      throw new IllegalArgumentException("minDecryptionVersion must be between "
          + s.minDecryptionVersion() + " and " + s.currentVersion());
    }
    KeyringState next = s.withMinDecryptionVersion(version);
    store.replace(KeyringFile.write(next, seal, random));
    state = next;
  }

  @Override
  public String toString() {
    return "LocalKeyring[" + store + ", version " + state.currentVersion() + "]";
  }

  private WrappedKey wrap(KeyringState s, SecretBytes key) {
    return KeyWrapFormat.wrap(s.id(), s.currentVersion(), s.kek(s.currentVersion()), key, random);
  }
}
