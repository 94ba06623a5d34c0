package io.lethe.storage.keys.vault;

import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.VaultTransitConfig;

/**
 * The way into this package, for {@link KeyProvider#vaultTransit}; use that instead. This package
 * is the only one that touches vault-java-driver: it translates every driver exception and every
 * Vault error answer into a {@link io.lethe.storage.StorageException}.
 */
public final class VaultTransitKeys {

  private VaultTransitKeys() {}

  /** See {@link KeyProvider#vaultTransit(VaultTransitConfig)}. */
  public static KeyProvider create(VaultTransitConfig config) {
    return TransitKeyProvider.start(VaultSession.open(config, java.time.Clock.systemUTC()), config);
  }
}
