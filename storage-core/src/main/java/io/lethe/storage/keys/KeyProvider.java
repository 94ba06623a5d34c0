package io.lethe.storage.keys;

import io.lethe.storage.crypto.SecretBytes;
import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.keys.vault.VaultTransitKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates and unwraps data keys under a versioned key-encryption key (KEK) that never leaves the
 * provider: Vault Transit in production, a local keyring file on one machine.
 *
 * <p><b>Thread safety.</b> Implementations are safe for concurrent use. {@link #rotate()} and
 * {@link #setMinDecryptionVersion(int)} may run while other threads wrap and unwrap; a key wrapped
 * concurrently with a rotation is wrapped under either the old or the new version, both readable.
 *
 * <p><b>Failures.</b> Every method throws only {@link io.lethe.storage.StorageException}:
 * {@code storage.key.unavailable} when the KEK id or version is unknown or retired,
 * {@code storage.key.unwrap-failed} when a wrapped key fails authentication, and the provider's
 * own codes (for the keyring, {@code storage.keyring.*}) when its backing store fails. Caller
 * mistakes (a null argument, a version out of range) throw {@code NullPointerException} or
 * {@code IllegalArgumentException}.
 *
 * <p><b>Security guarantees.</b> Data keys are 256-bit keys from a cryptographically secure
 * generator. Wrapping is authenticated encryption bound to the KEK id and version: an altered
 * wrapped key, or one relabelled with another version, fails to unwrap rather than yielding a
 * wrong key. After {@link #setMinDecryptionVersion(int)} keys wrapped under older versions can no
 * longer be unwrapped, so rewrap them first. Messages never contain key material.
 */
public interface KeyProvider {

  /** The name of the default KEK among {@link #kekNames()}. */
  String DEFAULT_KEK = "default";

  /** The id every key this provider wraps carries as {@link WrappedKey#kekId()}. */
  String kekId();

  /**
   * Wraps an existing data key under the current KEK version: how a key moves from one KEK to
   * another ({@link #rewrapUnder}). The key is neither kept nor destroyed; the caller owns it.
   */
  WrappedKey wrap(SecretBytes key);

  /**
   * The names of the KEKs keys may be moved to with {@link #rewrapUnder}, {@link #DEFAULT_KEK}
   * among them; only {@link #DEFAULT_KEK} unless built with {@link #withNamedKeks}.
   */
  default Set<String> kekNames() {
    return Set.of(DEFAULT_KEK);
  }

  /**
   * The same data key wrapped under the current version of the KEK named {@code kekName}, from
   * whichever KEK wraps it now, without exposing it to the caller. Afterwards only the new KEK
   * unwraps the result. Throws {@code storage.key.kek-unknown} for a name not in
   * {@link #kekNames()}.
   */
  default WrappedKey rewrapUnder(String kekName, WrappedKey wrapped) {
    if (!DEFAULT_KEK.equals(kekName)) {
      throw new StorageException(StorageErrorCode.KEK_UNKNOWN, "no KEK is named '" + kekName
          + "'; the KEKs are " + kekNames());
    }
    try (SecretBytes key = unwrap(wrapped)) {
      return wrap(key);
    }
  }

  /**
   * {@code defaultKek} for new keys, rotation and retirement, plus {@code named} KEKs that keys
   * can be moved to; each unwrap and rewrap goes to the KEK whose id the wrapped key carries.
   * Names are 1-63 lower-case letters, digits and dashes, never {@link #DEFAULT_KEK}.
   */
  static KeyProvider withNamedKeks(KeyProvider defaultKek, Map<String, KeyProvider> named) {
    return new NamedKeks(defaultKek, named);
  }

  /** A fresh 256-bit data key, and its form wrapped under the current KEK version. */
  DataKey generateDataKey();

  /** The plaintext data key; the caller destroys it when done. */
  SecretBytes unwrap(WrappedKey wrapped);

  /** The same data key wrapped under the current KEK version, without exposing it to the caller. */
  WrappedKey rewrap(WrappedKey wrapped);

  /**
   * Rewraps many keys, one outcome per key in the same order. A key that cannot be rewrapped
   * (altered, foreign, or under a retired version) yields {@link RewrapOutcome.Failed} and does
   * not stop the others; a failure of the provider itself (unreachable, sealed, denied) throws.
   * This default calls {@link #rewrap} once per key; Vault Transit overrides it with one batch
   * request.
   */
  default List<RewrapOutcome> rewrapAll(List<WrappedKey> wrapped) {
    List<RewrapOutcome> out = new ArrayList<>(wrapped.size());
    for (WrappedKey w : wrapped) {
      try {
        out.add(new RewrapOutcome.Rewrapped(rewrap(w)));
      } catch (StorageException e) {
        if (e.code() != StorageErrorCode.KEY_UNWRAP_FAILED
            && e.code() != StorageErrorCode.KEY_UNAVAILABLE) {
          throw e;
        }
        out.add(new RewrapOutcome.Failed(e.code(), e.getMessage()));
      }
    }
    return out;
  }

  /** Adds a new KEK version and makes it current; older versions still unwrap. */
  void rotate();

  int currentVersion();

  /** The oldest version that still unwraps. */
  int minDecryptionVersion();

  /**
   * Retires every version below {@code version}. It must be between the current minimum and the
   * current version; lowering it again is refused, because a retired KEK may already be deleted
   * elsewhere.
   */
  void setMinDecryptionVersion(int version);

  /**
   * Opens the keyring at {@code file}, or creates one with a first KEK if no file exists. The
   * passphrase is used to derive the sealing key and is not retained; the caller may zero it
   * afterwards. A wrong passphrase throws {@code storage.keyring.passphrase}.
   */
  static KeyProvider localKeyring(Path file, char[] passphrase) {
    return LocalKeyring.openOrCreate(file, passphrase, KeyringFile.DEFAULT_ITERATIONS);
  }

  /**
   * A provider over the Vault Transit key {@code config.keyName()}. It logs in (AppRole) and
   * checks the key at once, so a wrong address, a sealed Vault or missing permissions fail here,
   * not on the first read. A missing key is created if {@code config.createKeyIfMissing()},
   * otherwise refused with {@code storage.key.unavailable}. Throws {@code storage.key.vault-*}
   * codes for a sealed, unreachable or refusing Vault.
   */
  static KeyProvider vaultTransit(VaultTransitConfig config) {
    return VaultTransitKeys.create(config);
  }
}
