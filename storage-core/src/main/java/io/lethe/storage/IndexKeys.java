package io.lethe.storage;

import io.lethe.storage.IndexKeyStore.IndexKeyRow;
import io.lethe.storage.keys.DataKey;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.WrappedKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

  /** The version new digests are written under; created (version 1) on the first write. */
  IndexRootKey current(Connection c, Instant now) {
    List<IndexKeyRow> active = store.active(c);
    return active.isEmpty() ? createFirst(c, now) : open(active.get(0));
  }

  /**
   * Concurrent first writes on a fresh database race to create version 1; the losers' inserts
   * fail on the primary key. Each loser undoes only its insert and takes the winner's version,
   * so no first write is refused for it.
   */
  private IndexRootKey createFirst(Connection c, Instant now) {
    Savepoint before = savepoint(c);
    try {
      return create(c, now);
    } catch (StorageException e) {
      if (before == null) {
        throw e;
      }
      try {
        c.rollback(before);
      } catch (SQLException undo) {
        e.addSuppressed(undo);
        throw e;
      }
      List<IndexKeyRow> created = store.active(c);
      if (created.isEmpty()) {
        throw e;
      }
      return open(created.get(0));
    }
  }

  /** A savepoint inside the caller's transaction; null in auto-commit, where none is needed. */
  private static Savepoint savepoint(Connection c) {
    try {
      return c.getAutoCommit() ? null : c.setSavepoint();
    } catch (SQLException e) {
      throw Jdbc.failed("set a savepoint before creating the first blind index key", e);
    }
  }

  /** Every version a lookup must search, newest first; empty before the first write. */
  List<IndexRootKey> active(Connection c) {
    return store.active(c).stream().map(this::open).toList();
  }

  /** Adds a version above every existing one and returns it; new writes use it from now on. */
  IndexRootKey create(Connection c, Instant now) {
    int version = store.maxVersion(c) + 1;
    DataKey key = keys.generateDataKey();
    IndexKeyRow row = new IndexKeyRow(version, key.wrapped(), digestBytes);
    try {
      store.insert(c, row, now);
    } catch (RuntimeException e) {
      key.close();
      throw e;
    }
    // The plaintext stays alive in the cache: this is the one copy for this version.
    IndexRootKey root = new IndexRootKey(version, digestBytes, key.plaintext());
    unwrapped.put(row.key(), root);
    return root;
  }

  private IndexRootKey open(IndexKeyRow row) {
    return unwrapped.computeIfAbsent(row.key(),
        k -> new IndexRootKey(row.version(), row.digestBytes(), keys.unwrap(k)));
  }
}
