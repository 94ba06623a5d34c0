package io.lethe.storage.keys;

import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.SecretBytes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps unwrapped data keys in memory so that reading a subject's records does not cost a call to
 * the KEK provider each time (after AWS Encryption SDK's caching materials manager). Only
 * {@link #unwrap} is cached; every other method passes through.
 *
 * <p>Size and age are both bounded and both required: the builder refuses to build without them.
 * Entries are evicted least-recently-used first and expire {@code timeToLive} after they were
 * unwrapped, however often they are read. Concurrent misses for one wrapped key cost one unwrap.
 *
 * <p><b>Security guarantees.</b> Callers receive a copy they may (and should) destroy; the cached
 * key is zeroed when evicted, when it expires, when {@link #setMinDecryptionVersion} retires its
 * KEK version, and on {@link #close()}. A failed unwrap is never cached. Retirement done through
 * another instance (another server) is seen here within {@code timeToLive}.
 *
 * <p>Thread-safe.
 */
public final class CachingKeyProvider implements KeyProvider, AutoCloseable {

  /** Counters since creation. */
  public record Stats(long hits, long misses, long unwraps, long evictions) {}

  private final KeyProvider backing;
  private final KeyCache cache;
  private final ConcurrentHashMap<WrappedKey, CompletableFuture<KeyCache.Entry>> inFlight =
      new ConcurrentHashMap<>();

  private CachingKeyProvider(KeyProvider backing, int maxEntries, Duration ttl, Clock clock) {
    this.backing = backing;
    this.cache = new KeyCache(maxEntries, ttl, clock);
  }

  public static Builder builder(KeyProvider backing) {
    return new Builder(Objects.requireNonNull(backing, "backing"));
  }

  @Override
  public SecretBytes unwrap(WrappedKey wrapped) {
    Objects.requireNonNull(wrapped, "wrapped");
    while (true) {
      if (cache.isClosed()) {
        return backing.unwrap(wrapped);
      }
      SecretBytes hit = cache.copyIfPresent(wrapped);
      if (hit != null) {
        return hit;
      }
      CompletableFuture<KeyCache.Entry> mine = new CompletableFuture<>();
      CompletableFuture<KeyCache.Entry> leader = inFlight.putIfAbsent(wrapped, mine);
      KeyCache.Entry entry = leader == null ? load(wrapped, mine) : await(leader);
      SecretBytes copy = KeyCache.copyOf(entry);
      if (copy != null) {
        return copy;
      }
      // Evicted and zeroed between load and copy (a tiny cache under pressure): try again.
    }
  }

  private KeyCache.Entry load(WrappedKey wrapped, CompletableFuture<KeyCache.Entry> mine) {
    try {
      KeyCache.Entry entry = cache.entryIfPresent(wrapped);
      if (entry == null) {
        entry = cache.put(wrapped, cache.countUnwrap(backing.unwrap(wrapped)));
      }
      mine.complete(entry);
      return entry;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(wrapped, mine);
    }
  }

  private static KeyCache.Entry await(CompletableFuture<KeyCache.Entry> leader) {
    try {
      return leader.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof StorageException s) {
        throw s;
      }
      throw e;
    }
  }

  public Stats stats() {
    return cache.stats();
  }

  /** Zeroes every cached key; later unwraps go to the backing provider and are not cached. */
  @Override
  public void close() {
    cache.close();
  }

  @Override
  public String kekId() {
    return backing.kekId();
  }

  @Override
  public WrappedKey wrap(SecretBytes key) {
    return backing.wrap(key);
  }

  @Override
  public java.util.Set<String> kekNames() {
    return backing.kekNames();
  }

  /** Not cached: the old wrapped form simply stops being asked for. */
  @Override
  public WrappedKey rewrapUnder(String kekName, WrappedKey wrapped) {
    return backing.rewrapUnder(kekName, wrapped);
  }

  @Override
  public DataKey generateDataKey() {
    return backing.generateDataKey();
  }

  @Override
  public WrappedKey rewrap(WrappedKey wrapped) {
    return backing.rewrap(wrapped);
  }

  @Override
  public List<RewrapOutcome> rewrapAll(List<WrappedKey> wrapped) {
    return backing.rewrapAll(wrapped);
  }

  @Override
  public void rotate() {
    backing.rotate();
  }

  @Override
  public int currentVersion() {
    return backing.currentVersion();
  }

  @Override
  public int minDecryptionVersion() {
    return backing.minDecryptionVersion();
  }

  /** Also drops (and zeroes) cached keys of the retired versions, so they stop unwrapping here. */
  @Override
  public void setMinDecryptionVersion(int version) {
    backing.setMinDecryptionVersion(version);
    cache.removeBelowVersion(version);
  }

  @Override
  public String toString() {
    return "CachingKeyProvider[" + backing + ", " + cache + "]";
  }

  /** Both settings are required; {@link #build()} names the one missing. */
  public static final class Builder {
    private final KeyProvider backing;
    private Integer maxEntries;
    private Duration timeToLive;
    private Clock clock = Clock.systemUTC();

    private Builder(KeyProvider backing) {
      this.backing = backing;
    }

    /** How many unwrapped keys to hold at most (one per subject read recently). */
    public Builder maxEntries(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxEntries must be at least 1");
      }
      this.maxEntries = max;
      return this;
    }

    /** How long an unwrapped key may stay in memory after it was unwrapped. */
    public Builder timeToLive(Duration ttl) {
      if (ttl == null || ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("timeToLive must be positive");
      }
      this.timeToLive = ttl;
      return this;
    }

    /** For tests; defaults to the UTC system clock. */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    public CachingKeyProvider build() {
      if (maxEntries == null) {
        throw new IllegalStateException("a key cache needs maxEntries: an unbounded cache of"
            + " plaintext keys is refused");
      }
      if (timeToLive == null) {
        throw new IllegalStateException("a key cache needs timeToLive: plaintext keys must not"
            + " stay in memory indefinitely");
      }
      return new CachingKeyProvider(backing, maxEntries, timeToLive, clock);
    }
  }
}
