package io.lethe.storage.keys;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.AesGcm;
import io.lethe.storage.crypto.SecretBytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The embedded KEK store: versioned KEKs in one passphrase-sealed file (ADR 0003). Wrapping is
 * AES-256-GCM under the current KEK, in a form that names its version like Vault Transit's
 * {@code vault:v1:...}, so an operator reading a row can tell which version wrapped it.
 */
final class LocalKeyring implements KeyProvider {

  private static final String PREFIX = "lethe-kr:v";
  private static final byte[] WRAP_LABEL = "lethe-kek-wrap".getBytes(StandardCharsets.US_ASCII);

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
    byte[] blob = parse(wrapped);
    try {
      byte[] key = AesGcm.open(s.kek(wrapped.kekVersion()),
          Arrays.copyOf(blob, AesGcm.NONCE_BYTES),
          aad(s.id(), wrapped.kekVersion()), blob, AesGcm.NONCE_BYTES,
          blob.length - AesGcm.NONCE_BYTES);
      try {
        return SecretBytes.copyOf(key);
      } finally {
        Arrays.fill(key, (byte) 0);
      }
    } catch (StorageException | IllegalArgumentException e) {
      throw unwrapFailed();
    }
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
    int version = s.currentVersion();
    byte[] nonce = new byte[AesGcm.NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] raw = key.revealCopy();
    byte[] sealed;
    try {
      sealed = AesGcm.seal(s.kek(version), nonce, aad(s.id(), version), raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
    byte[] blob = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    return new WrappedKey(s.id(), version,
        PREFIX + version + ":" + Base64.getEncoder().encodeToString(blob));
  }

  /** The version in the text must match the record's, or someone relabelled the key. */
  private static byte[] parse(WrappedKey wrapped) {
    String expected = PREFIX + wrapped.kekVersion() + ":";
    if (!wrapped.ciphertext().startsWith(expected)) {
      throw unwrapFailed();
    }
    try {
      byte[] blob = Base64.getDecoder().decode(wrapped.ciphertext().substring(expected.length()));
      if (blob.length < AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES) {
        throw unwrapFailed();
      }
      return blob;
    } catch (IllegalArgumentException e) {
      throw unwrapFailed();
    }
  }

  private static byte[] aad(String kekId, int version) {
    byte[] id = kekId.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + WRAP_LABEL.length + 4 + id.length + 4 + 4)
        .putInt(WRAP_LABEL.length).put(WRAP_LABEL)
        .putInt(id.length).put(id)
        .putInt(4).putInt(version)
        .array();
  }

  private static StorageException unwrapFailed() {
    return new StorageException(StorageErrorCode.KEY_UNWRAP_FAILED,
        "the wrapped key failed authentication");
  }
}
