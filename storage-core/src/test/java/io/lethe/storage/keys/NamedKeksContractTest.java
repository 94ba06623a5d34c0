package io.lethe.storage.keys;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** A default KEK with a named one beside it keeps every promise of the default KEK alone. */
class NamedKeksContractTest extends KeyProviderContract {

  @TempDir
  Path dir;

  @Override
  protected KeyProvider newProvider() {
    return KeyProvider.withNamedKeks(TestKeyrings.fast(dir.resolve("keyring.lkr")),
        Map.of("tenant-a", TestKeyrings.fast(dir.resolve("keyring-tenant-a.lkr"))));
  }

  @Override
  protected KeyProvider anotherKek() {
    return TestKeyrings.fast(dir.resolve("keyring-region-b.lkr"));
  }
}
