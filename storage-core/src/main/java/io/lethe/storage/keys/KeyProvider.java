package io.lethe.storage.keys;

import io.lethe.storage.crypto.SecretBytes;
import java.nio.file.Path;

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

  /** A fresh 256-bit data key, and its form wrapped under the current KEK version. */
  DataKey generateDataKey();

  /** The plaintext data key; the caller destroys it when done. */
  SecretBytes unwrap(WrappedKey wrapped);

  /** The same data key wrapped under the current KEK version, without exposing it to the caller. */
  WrappedKey rewrap(WrappedKey wrapped);

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
}
