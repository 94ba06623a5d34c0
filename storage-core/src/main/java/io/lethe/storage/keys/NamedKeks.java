package io.lethe.storage.keys;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.SecretBytes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A default KEK plus named ones (another tenant's or region's). New keys, rotation and version
 * retirement concern the default KEK; every unwrap and rewrap goes to the KEK whose id the
 * wrapped key carries, so a key moved by {@link #rewrapUnder} is read through its new KEK from
 * then on, wherever it is stored.
 */
final class NamedKeks implements KeyProvider {

  private final KeyProvider defaultKek;
  private final Map<String, KeyProvider> byName;
  private final Map<String, KeyProvider> byId = new LinkedHashMap<>();

  NamedKeks(KeyProvider defaultKek, Map<String, KeyProvider> named) {
    this.defaultKek = Objects.requireNonNull(defaultKek, "defaultKek");
    this.byName = Map.copyOf(named);
    byId.put(defaultKek.kekId(), defaultKek);
    byName.forEach((name, provider) -> {
      if (!name.matches("[a-z0-9][a-z0-9-]{0,62}") || DEFAULT_KEK.equals(name)) {
        throw new IllegalArgumentException("a KEK name is 1-63 lower-case letters, digits and"
            + " dashes, and not '" + DEFAULT_KEK + "'");
      }
      if (byId.putIfAbsent(provider.kekId(), provider) != null) {
        throw new IllegalArgumentException("KEK '" + name + "' is the same KEK as another one");
      }
    });
  }

  @Override
  public String kekId() {
    return defaultKek.kekId();
  }

  @Override
  public Set<String> kekNames() {
    Set<String> names = new TreeSet<>(byName.keySet());
    names.add(DEFAULT_KEK);
    return names;
  }

  @Override
  public WrappedKey rewrapUnder(String kekName, WrappedKey wrapped) {
    KeyProvider target = DEFAULT_KEK.equals(kekName) ? defaultKek : byName.get(kekName);
    if (target == null) {
      throw new StorageException(StorageErrorCode.KEK_UNKNOWN, "no KEK is named '" + kekName
          + "'; the KEKs are " + kekNames());
    }
    try (SecretBytes key = owner(wrapped).unwrap(wrapped)) {
      return target.wrap(key);
    }
  }

  @Override
  public DataKey generateDataKey() {
    return defaultKek.generateDataKey();
  }

  @Override
  public WrappedKey wrap(SecretBytes key) {
    return defaultKek.wrap(key);
  }

  @Override
  public SecretBytes unwrap(WrappedKey wrapped) {
    return owner(wrapped).unwrap(wrapped);
  }

  @Override
  public WrappedKey rewrap(WrappedKey wrapped) {
    return owner(wrapped).rewrap(wrapped);
  }

  /** Each KEK rewraps its own keys in one call (one Transit batch); order is kept. */
  @Override
  public List<RewrapOutcome> rewrapAll(List<WrappedKey> wrapped) {
    Map<KeyProvider, List<Integer>> groups = new LinkedHashMap<>();
    RewrapOutcome[] out = new RewrapOutcome[wrapped.size()];
    for (int i = 0; i < out.length; i++) {
      KeyProvider owner = byId.get(wrapped.get(i).kekId());
      if (owner == null) {
        out[i] = new RewrapOutcome.Failed(StorageErrorCode.KEY_UNAVAILABLE, unknownId());
      } else {
        groups.computeIfAbsent(owner, k -> new ArrayList<>()).add(i);
      }
    }
    groups.forEach((owner, indexes) -> {
      List<RewrapOutcome> done = owner.rewrapAll(indexes.stream().map(wrapped::get).toList());
      for (int j = 0; j < indexes.size(); j++) {
        out[indexes.get(j)] = done.get(j);
      }
    });
    return List.of(out);
  }

  @Override
  public void rotate() {
    defaultKek.rotate();
  }

  @Override
  public int currentVersion() {
    return defaultKek.currentVersion();
  }

  @Override
  public int minDecryptionVersion() {
    return defaultKek.minDecryptionVersion();
  }

  @Override
  public void setMinDecryptionVersion(int version) {
    defaultKek.setMinDecryptionVersion(version);
  }

  @Override
  public String toString() {
    return "NamedKeks[default " + defaultKek + ", " + byName.keySet() + "]";
  }

  private KeyProvider owner(WrappedKey wrapped) {
    KeyProvider owner = byId.get(wrapped.kekId());
    if (owner == null) {
      throw new StorageException(StorageErrorCode.KEY_UNAVAILABLE, unknownId());
    }
    return owner;
  }

  private static String unknownId() {
    return "the key was wrapped by a KEK that is not configured here";
  }
}
