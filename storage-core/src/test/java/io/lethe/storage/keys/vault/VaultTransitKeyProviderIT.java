package io.lethe.storage.keys.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.response.LogicalResponse;
import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.keys.DataKey;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.KeyProviderContract;
import io.lethe.storage.keys.TestKeyrings;
import io.lethe.storage.keys.VaultTransitConfig;
import io.lethe.storage.keys.WrappedKey;
import io.lethe.testsupport.vault.VaultTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KeyProvider contract, and Transit specifics, against the Vault test server (token auth). */
class VaultTransitKeyProviderIT extends KeyProviderContract {

  private static final AtomicInteger KEYS = new AtomicInteger();
  static VaultTestServer server;
  private String keyName;

  @TempDir
  Path dir;

  @BeforeAll
  static void startVault() {
    server = VaultTestServer.start();
  }

  @AfterAll
  static void stopVault() {
    server.close();
  }

  static VaultTransitConfig config(String keyName) {
    return VaultTransitConfig.token(server.address(), keyName, server.rootToken())
        .withRetries(0, Duration.ZERO);
  }

  @Override
  protected KeyProvider newProvider() {
    keyName = "lethe-kek-" + KEYS.incrementAndGet();
    return KeyProvider.vaultTransit(config(keyName));
  }

  /** Another Transit key on the same Vault: another tenant's or region's KEK. */
  @Override
  protected KeyProvider anotherKek() {
    return KeyProvider.vaultTransit(config("lethe-kek-region-" + KEYS.incrementAndGet()));
  }

  @Test
  void wrappedKey_isTransitCiphertext_withTheKeyNameAsKekId() {
    try (DataKey key = keys.generateDataKey()) {
      assertThat(key.wrapped().kekId()).isEqualTo(keyName);
      assertThat(key.wrapped().ciphertext()).startsWith("vault:v1:");
    }
  }

  @Test
  void start_createsAMissingKey_andRefusesWhenCreationIsOff() {
    assertThat(keys.currentVersion()).isEqualTo(1);
    assertThatThrownBy(() -> KeyProvider.vaultTransit(
        config("absent-key").withCreateKeyIfMissing(false)))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.code()).isEqualTo(StorageErrorCode.KEY_UNAVAILABLE);
          assertThat(e.getMessage()).contains("absent-key").contains("vault write -f");
        });
  }

  @Test
  void keyFromTheLocalKeyring_isRefusedClearly_evenWhenRelabelled() {
    try (DataKey local = TestKeyrings.fast(dir.resolve("k.lkr")).generateDataKey()) {
      assertThatThrownBy(() -> keys.unwrap(local.wrapped()))
          .isInstanceOfSatisfying(StorageException.class, e -> {
            assertThat(e.code()).isEqualTo(StorageErrorCode.KEY_UNAVAILABLE);
            assertThat(e.getMessage()).contains(local.wrapped().kekId()).contains(keyName);
          });
      WrappedKey relabelled = new WrappedKey(keyName, 1, local.wrapped().ciphertext());
      assertThatThrownBy(() -> keys.unwrap(relabelled))
          .isInstanceOfSatisfying(StorageException.class, e -> {
            assertThat(e.code()).isEqualTo(StorageErrorCode.KEY_UNWRAP_FAILED);
            assertThat(e.getMessage()).contains("not a Vault Transit ciphertext");
          });
    }
  }

  @Test
  void driverDefaultEngineVersion_manglesTransitPaths_butTheAdaptersClientDoesNot()
      throws Exception {
    VaultTransitConfig cfg = config(keyName);
    Vault kvV2 = Vault.create(VaultSession.driverConfig(cfg, server.rootToken()));
    LogicalResponse mangled = kvV2.logical().write("transit/datakey/plaintext/" + keyName, Map.of());
    assertThat(mangled.getRestResponse().getStatus()).isEqualTo(404);
    assertThat(mangled.getData()).isEmpty();

    VaultConfig ours = VaultSession.driverConfig(cfg, server.rootToken());
    Vault adapter = VaultSession.driver(ours, cfg);
    assertThat(ours.getGlobalEngineVersion()).isEqualTo(1);
    LogicalResponse ok = adapter.logical().write("transit/datakey/plaintext/" + keyName, Map.of());
    assertThat(ok.getRestResponse().getStatus()).isEqualTo(200);
    assertThat(ok.getData().get("ciphertext")).startsWith("vault:v1:");
  }

  @Test
  void wrongMount_failsWithAMessageThatPointsAtTheMount() {
    assertThatThrownBy(() -> KeyProvider.vaultTransit(config("k").withMount("transit2")))
        .isInstanceOfSatisfying(StorageException.class,
            e -> assertThat(e.getMessage()).contains("transit2"));
  }

  @Test
  void toStrings_neverShowTheToken() {
    assertThat(keys.toString()).contains(server.address()).doesNotContain(server.rootToken());
    assertThat(config(keyName).toString()).doesNotContain(server.rootToken());
    VaultTransitConfig appRole = VaultTransitConfig.appRole(server.address(), "k", "role-1",
        "secret-1");
    assertThat(appRole.toString()).doesNotContain("role-1").doesNotContain("secret-1");
  }
}
