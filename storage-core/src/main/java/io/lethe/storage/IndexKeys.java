package io.lethe.storage;

import io.lethe.storage.IndexKeyStore.IndexKeyRow;
import io.lethe.storage.keys.DataKey;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.WrappedKey;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blind index key versions: which are active (read from the database on every call, so a
 * rotation on another node is seen at once) and their unwrapped root keys (cached in memory).
 *
 * <p>The cache is keyed by the wrapped key, not the version number: a version created in a
 * transaction that was rolled back, then created again with another key, must not reuse the
 * first key. It holds one entry per index key ever seen by this process, a handful.
 */
final class IndexKeys {

  private final KeyProvider keys;
  private final IndexKeyStore store = new IndexKeyStore();
  private final int digestBytes;
  private final Map<WrappedKey, IndexRootKey> unwrapped = new ConcurrentHashMap<>();

  IndexKeys(KeyProvider keys, BlindIndexSettings settings) {
    this.keys = keys;
    this.digestBytes = settings.digestBytes();
  }

  /**
   * The version new digests are written under; created (version 1) on the first write. Nodes
   * that find no key at the same moment all try to create it: the first insert wins and the
   * others use its key.
   */
  IndexRootKey current(Connection c, Instant now) {
    List<IndexKeyRow> active = store.active(c);
    if (!active.isEmpty()) {
      return open(active.get(0));
    }
    return add(c, now).orElseGet(() -> store.active(c).stream().findFirst().map(this::open)
        .orElseThrow(() -> new StorageException(StorageErrorCode.DATABASE,
            "another node created a blind index key that is not active; retry the write")));
  }

  /** Every version a lookup must search, newest first; empty before the first write. */
  List<IndexRootKey> active(Connection c) {
    return store.active(c).stream().map(this::open).toList();
  }

  /** Adds a version above every existing one and returns it; new writes use it from now on. */
  IndexRootKey create(Connection c, Instant now) {
    return add(c, now).orElseThrow(() -> new StorageException(StorageErrorCode.DATABASE,
        "another node added a blind index key version at the same time; retry the rotation"));
  }

  /** The next version with a fresh key, or empty if another transaction added that version. */
  private Optional<IndexRootKey> add(Connection c, Instant now) {
    int version = store.maxVersion(c) + 1;
    DataKey key = keys.generateDataKey();
    IndexKeyRow row = new IndexKeyRow(version, key.wrapped(), digestBytes);
    boolean inserted;
    try {
      inserted = store.insertIfAbsent(c, row, now);
    } catch (RuntimeException e) {
      key.close();
      throw e;
    }
    if (!inserted) {
      key.close();
      return Optional.empty();
    }
    // The plaintext stays alive in the cache: this is the one copy for this version.
    IndexRootKey root = new IndexRootKey(version, digestBytes, key.plaintext());
    unwrapped.put(row.key(), root);
    return Optional.of(root);
  }

  private IndexRootKey open(IndexKeyRow row) {
    return unwrapped.computeIfAbsent(row.key(),
        k -> new IndexRootKey(row.version(), row.digestBytes(), keys.unwrap(k)));
  }
}
