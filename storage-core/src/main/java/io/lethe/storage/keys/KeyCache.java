package io.lethe.storage.keys;

import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.SecretBytes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The LRU-with-TTL map behind {@link CachingKeyProvider}. One lock guards it: every operation is a
 * map lookup plus, on insert, a sweep, which is far cheaper than the unwrap a miss costs anyway.
 * Whatever leaves the map is destroyed (zeroed) on the way out.
 */
final class KeyCache {

  /** A cached key; {@code key} is the backing provider's own object, never handed out. */
  static final class Entry {
    final SecretBytes key;
    final Instant expiresAt;

    Entry(SecretBytes key, Instant expiresAt) {
      this.key = key;
      this.expiresAt = expiresAt;
    }
  }

  private final Map<WrappedKey, Entry> map = new LinkedHashMap<>(16, 0.75f, true);
  private final int maxEntries;
  private final Duration ttl;
  private final Clock clock;
  private boolean closed;
  private long hits;
  private long misses;
  private long unwraps;
  private long evictions;

  KeyCache(int maxEntries, Duration ttl, Clock clock) {
    this.maxEntries = maxEntries;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** A copy of the live cached key, counting a hit or a miss; null on a miss. */
  synchronized SecretBytes copyIfPresent(WrappedKey w) {
    Entry e = live(w);
    if (e == null) {
      misses++;
      return null;
    }
    hits++;
    return copyOf(e);
  }

  /** The live entry without counting, for the single-flight leader's second look. */
  synchronized Entry entryIfPresent(WrappedKey w) {
    return live(w);
  }

  synchronized SecretBytes countUnwrap(SecretBytes key) {
    unwraps++;
    return key;
  }

  /** Stores {@code key} (owned from now on); once closed, destroys it instead. */
  synchronized Entry put(WrappedKey w, SecretBytes key) {
    Entry e = new Entry(key, clock.instant().plus(ttl));
    if (closed) {
      key.destroy();
      return e;
    }
    Entry old = map.put(w, e);
    if (old != null && old.key != key) {
      old.key.destroy();
    }
    Instant now = clock.instant();
    removeIf((k, v) -> !now.isBefore(v.expiresAt));
    Iterator<Entry> eldestFirst = map.values().iterator();
    while (map.size() > maxEntries) {
      eldestFirst.next().key.destroy();
      eldestFirst.remove();
      evictions++;
    }
    return e;
  }

  synchronized void removeBelowVersion(int version) {
    removeIf((k, v) -> k.kekVersion() < version);
  }

  synchronized boolean isClosed() {
    return closed;
  }

  synchronized void close() {
    closed = true;
    map.values().forEach(e -> e.key.destroy());
    map.clear();
  }

  synchronized CachingKeyProvider.Stats stats() {
    return new CachingKeyProvider.Stats(hits, misses, unwraps, evictions);
  }

  synchronized int size() {
    return map.size();
  }

  @Override
  public synchronized String toString() {
    return "KeyCache[" + map.size() + "/" + maxEntries + " keys, ttl " + ttl + "]";
  }

  /** A caller-owned copy, or null if the entry was destroyed meanwhile. */
  static SecretBytes copyOf(Entry e) {
    byte[] raw = null;
    try {
      raw = e.key.revealCopy();
      return SecretBytes.copyOf(raw);
    } catch (StorageException destroyed) {
      return null;
    } finally {
      if (raw != null) {
        Arrays.fill(raw, (byte) 0);
      }
    }
  }

  private Entry live(WrappedKey w) {
    Entry e = map.get(w);
    if (e != null && !clock.instant().isBefore(e.expiresAt)) {
      map.remove(w);
      e.key.destroy();
      evictions++;
      return null;
    }
    return e;
  }

  private void removeIf(java.util.function.BiPredicate<WrappedKey, Entry> doomed) {
    Iterator<Map.Entry<WrappedKey, Entry>> it = map.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<WrappedKey, Entry> next = it.next();
      if (doomed.test(next.getKey(), next.getValue())) {
        next.getValue().key.destroy();
        it.remove();
        evictions++;
      }
    }
  }
}
