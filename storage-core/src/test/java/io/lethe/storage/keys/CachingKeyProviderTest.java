package io.lethe.storage.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.SecretBytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CachingKeyProviderTest {

  private final FakeKeyProvider fake = new FakeKeyProvider();
  private final MutableClock clock = new MutableClock();

  private CachingKeyProvider cache(int max, Duration ttl) {
    return CachingKeyProvider.builder(fake).maxEntries(max).timeToLive(ttl).clock(clock).build();
  }

  @Test
  void manyReadsOfOneSubject_costOneUnwrapPerTimeToLive() {
    CachingKeyProvider keys = cache(10, Duration.ofMinutes(5));
    for (int i = 0; i < 1000; i++) {
      keys.unwrap(FakeKeyProvider.wrapped(1)).close();
    }
    assertThat(fake.unwraps).hasValue(1);
    clock.advance(Duration.ofMinutes(4));
    keys.unwrap(FakeKeyProvider.wrapped(1)).close();
    assertThat(fake.unwraps).hasValue(1);
    clock.advance(Duration.ofMinutes(1));
    for (int i = 0; i < 1000; i++) {
      keys.unwrap(FakeKeyProvider.wrapped(1)).close();
    }
    assertThat(fake.unwraps).hasValue(2);
    assertThat(keys.stats()).isEqualTo(new CachingKeyProvider.Stats(1999, 2, 2, 1));
  }

  @Test
  void expiredKey_isZeroed() {
    CachingKeyProvider keys = cache(10, Duration.ofMinutes(5));
    keys.unwrap(FakeKeyProvider.wrapped(1)).close();
    clock.advance(Duration.ofMinutes(5));
    keys.unwrap(FakeKeyProvider.wrapped(1)).close();
    assertThat(fake.handedOut.get(0).isDestroyed()).isTrue();
    assertThat(fake.handedOut.get(1).isDestroyed()).isFalse();
  }

  @Test
  void unwrap_handsOutCopies_thatTheCallerMayDestroy() {
    CachingKeyProvider keys = cache(10, Duration.ofMinutes(5));
    SecretBytes first = keys.unwrap(FakeKeyProvider.wrapped(1));
    SecretBytes second = keys.unwrap(FakeKeyProvider.wrapped(1));
    assertThat(first).isNotSameAs(second).isNotSameAs(fake.handedOut.get(0));
    first.destroy();
    assertThat(second).isEqualTo(fake.handedOut.get(0));
    assertThat(keys.unwrap(FakeKeyProvider.wrapped(1))).isEqualTo(fake.handedOut.get(0));
  }

  @Test
  void concurrentMissesForOneKey_costExactlyOneUnwrap() throws Exception {
    CachingKeyProvider keys = cache(10, Duration.ofMinutes(5));
    fake.closeGate();
    int threads = 32;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<SecretBytes>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> keys.unwrap(FakeKeyProvider.wrapped(7))));
      }
      while (keys.stats().misses() < threads) {
        Thread.sleep(5); // every thread has missed and is waiting on the one unwrap
      }
      fake.openGate();
      for (Future<SecretBytes> f : results) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(fake.handedOut.get(0));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(fake.unwraps).hasValue(1);
    assertThat(keys.stats().unwraps()).isEqualTo(1);
  }

  @Test
  void sizeBound_isRespected_andTheLeastRecentlyUsedKeyIsEvictedAndZeroed() {
    CachingKeyProvider keys = cache(3, Duration.ofHours(1));
    for (int n = 1; n <= 3; n++) {
      keys.unwrap(FakeKeyProvider.wrapped(n)).close();
    }
    keys.unwrap(FakeKeyProvider.wrapped(1)).close(); // 2 is now the least recently used
    keys.unwrap(FakeKeyProvider.wrapped(4)).close();
    assertThat(fake.handedOut.get(1).isDestroyed()).isTrue();
    assertThat(fake.handedOut).filteredOn(k -> !k.isDestroyed()).hasSize(3);
    assertThat(keys.stats().evictions()).isEqualTo(1);
    for (int n = 5; n <= 50; n++) {
      keys.unwrap(FakeKeyProvider.wrapped(n)).close();
    }
    assertThat(fake.handedOut).filteredOn(k -> !k.isDestroyed()).hasSize(3);
    keys.unwrap(FakeKeyProvider.wrapped(50)).close();
    assertThat(fake.unwraps).hasValue(50);
  }

  @Test
  void close_zeroesEveryCachedKey_andLaterUnwrapsPassThrough() {
    CachingKeyProvider keys = cache(10, Duration.ofHours(1));
    keys.unwrap(FakeKeyProvider.wrapped(1)).close();
    keys.unwrap(FakeKeyProvider.wrapped(2)).close();
    keys.close();
    assertThat(fake.handedOut).allMatch(SecretBytes::isDestroyed);
    keys.unwrap(FakeKeyProvider.wrapped(1)).close();
    assertThat(fake.unwraps).hasValue(3);
  }

  @Test
  void setMinDecryptionVersion_dropsAndZeroesKeysOfRetiredVersions() {
    CachingKeyProvider keys = cache(10, Duration.ofHours(1));
    keys.unwrap(FakeKeyProvider.wrapped(1)).close();
    keys.setMinDecryptionVersion(2);
    assertThat(fake.handedOut.get(0).isDestroyed()).isTrue();
  }

  @Test
  void rewrap_passesThrough_andIsNotCached() {
    CachingKeyProvider keys = cache(10, Duration.ofHours(1));
    assertThat(keys.rewrap(FakeKeyProvider.wrapped(1)).kekVersion()).isEqualTo(2);
    assertThat(keys.rewrapAll(List.of(FakeKeyProvider.wrapped(1)))).hasSize(1);
    assertThat(keys.stats()).isEqualTo(new CachingKeyProvider.Stats(0, 0, 0, 0));
  }

  @Test
  void failedUnwrap_isNotCached() {
    CachingKeyProvider keys = cache(10, Duration.ofHours(1));
    fake.failNext = true;
    assertThatThrownBy(() -> keys.unwrap(FakeKeyProvider.wrapped(1)))
        .isInstanceOf(StorageException.class);
    keys.unwrap(FakeKeyProvider.wrapped(1)).close();
    assertThat(fake.unwraps).hasValue(2);
  }

  @Test
  void builder_refusesToBuildWithoutMaxEntriesOrTimeToLive() {
    assertThatThrownBy(() -> CachingKeyProvider.builder(fake).timeToLive(Duration.ofMinutes(1))
        .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("maxEntries");
    assertThatThrownBy(() -> CachingKeyProvider.builder(fake).maxEntries(10).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("timeToLive");
    assertThatThrownBy(() -> CachingKeyProvider.builder(fake).maxEntries(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CachingKeyProvider.builder(fake).timeToLive(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_showsSizeButNoKeyMaterial() {
    CachingKeyProvider keys = cache(10, Duration.ofHours(1));
    keys.unwrap(FakeKeyProvider.wrapped(1)).close();
    assertThat(keys.toString()).contains("1/10 keys").doesNotContain("SecretBytes");
  }
}
