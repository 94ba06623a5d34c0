package io.lethe.storage.keys;

import io.lethe.storage.crypto.SecretBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One immutable snapshot of the keyring's contents. Rotation builds a new snapshot and swaps it
 * in only after the file is written, so readers never see a version that is not on disk.
 */
final class KeyringState {

  private final String id;
  private final List<SecretBytes> keks;
  private final int minDecryptionVersion;

  /** {@code keks.get(i)} is version {@code i + 1}; versions are contiguous from 1. */
  KeyringState(String id, List<SecretBytes> keks, int minDecryptionVersion) {
    this.id = Objects.requireNonNull(id, "id");
    this.keks = List.copyOf(keks);
    if (this.keks.isEmpty()) {
      throw new IllegalArgumentException("a keyring holds at least one KEK");
    }
    if (minDecryptionVersion < 1 || minDecryptionVersion > this.keks.size()) {
      throw new IllegalArgumentException("minDecryptionVersion out of range");
    }
    this.minDecryptionVersion = minDecryptionVersion;
  }

  String id() {
    return id;
  }

  int currentVersion() {
    return keks.size();
  }

  int minDecryptionVersion() {
    return minDecryptionVersion;
  }

  List<SecretBytes> keks() {
    return keks;
  }

  SecretBytes kek(int version) {
    return keks.get(version - 1);
  }

  boolean canDecryptWith(int version) {
    return version >= minDecryptionVersion && version <= currentVersion();
  }

  KeyringState withNewVersion(SecretBytes kek) {
    List<SecretBytes> more = new ArrayList<>(keks);
    more.add(kek);
    return new KeyringState(id, more, minDecryptionVersion);
  }

  KeyringState withMinDecryptionVersion(int version) {
    return new KeyringState(id, keks, version);
  }
}
