package io.lethe.storage.keys;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** The cache must keep every promise of the provider it wraps, retirement included. */
class CachingKeyProviderContractTest extends KeyProviderContract {

  @TempDir
  Path dir;

  @Override
  protected KeyProvider newProvider() {
    return CachingKeyProvider.builder(TestKeyrings.fast(dir.resolve("keyring.lkr")))
        .maxEntries(100).timeToLive(Duration.ofMinutes(5)).build();
  }

  @Override
  protected KeyProvider anotherKek() {
    return TestKeyrings.fast(dir.resolve("keyring-region-b.lkr"));
  }
}
