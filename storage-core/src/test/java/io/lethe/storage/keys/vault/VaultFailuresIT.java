package io.lethe.storage.keys.vault;

import static io.lethe.testsupport.vault.VaultTestServer.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jopenlibs.vault.Vault;
import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.SecretBytes;
import io.lethe.storage.keys.DataKey;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.MutableClock;
import io.lethe.storage.keys.VaultTransitConfig;
import io.lethe.testsupport.vault.VaultTestServer;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AppRole, token expiry, and the failures an operator must be able to act on. */
class VaultFailuresIT {

  private static final String KEY = "lethe-kek";
  private VaultTestServer server;
  private String[] appRole;

  @BeforeEach
  void start() {
    server = VaultTestServer.start();
    server.putPolicy("lethe", rule("transit/keys/" + KEY, "read", "create", "update"),
        rule("transit/keys/" + KEY + "/*", "update"),
        rule("transit/datakey/plaintext/" + KEY, "update"),
        rule("transit/decrypt/" + KEY, "update"), rule("transit/rewrap/" + KEY, "update"));
    server.putPolicy("read-only", rule("transit/keys/" + KEY, "read"));
    appRole = server.approle("lethe", "lethe");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private VaultTransitConfig tokenConfig(String token) {
    return VaultTransitConfig.token(server.address(), KEY, token).withRetries(0, Duration.ZERO)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  private VaultTransitConfig appRoleConfig() {
    return VaultTransitConfig.appRole(server.address(), KEY, appRole[0], appRole[1])
        .withRetries(0, Duration.ZERO).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  @Test
  void appRole_logsIn_andWorksWithALeastPrivilegePolicy() {
    KeyProvider keys = KeyProvider.vaultTransit(appRoleConfig());
    try (DataKey key = keys.generateDataKey(); SecretBytes back = keys.unwrap(key.wrapped())) {
      assertThat(back).isEqualTo(key.plaintext());
      keys.rotate();
      assertThat(keys.rewrap(key.wrapped()).kekVersion()).isEqualTo(2);
    }
  }

  @Test
  void appRole_tokenExpired_logsInAgainAndRetries() throws Exception {
    rootVault().logical().write("auth/approle/role/lethe", Map.of("token_ttl", "1s"));
    // A clock that never moves: no proactive renewal, so only the 403 "invalid token" path helps.
    KeyProvider keys = TransitKeyProvider.start(
        VaultSession.open(appRoleConfig(), new MutableClock()), appRoleConfig());
    Thread.sleep(1500); // the only way to expire a token on the server; not a timing assertion
    try (DataKey key = keys.generateDataKey()) {
      assertThat(key.wrapped().kekVersion()).isEqualTo(1);
    }
  }

  @Test
  void appRole_tokenPastTwoThirdsOfItsLease_isRenewedOrReplaced() {
    MutableClock clock = new MutableClock();
    KeyProvider keys = TransitKeyProvider.start(VaultSession.open(appRoleConfig(), clock),
        appRoleConfig());
    clock.advance(Duration.ofDays(30));
    try (DataKey key = keys.generateDataKey()) {
      assertThat(key.wrapped().kekVersion()).isEqualTo(1);
    }
  }

  @Test
  void appRole_wrongSecretId_isDenied_withoutQuotingIt() {
    VaultTransitConfig wrong = VaultTransitConfig.appRole(server.address(), KEY, appRole[0],
        "not-the-secret-id").withRetries(0, Duration.ZERO);
    assertFails(() -> KeyProvider.vaultTransit(wrong), StorageErrorCode.VAULT_DENIED,
        "AppRole login", "not-the-secret-id");
  }

  @Test
  void sealedVault_atStartAndLater_saysSoAndHowToFixIt() {
    KeyProvider keys = KeyProvider.vaultTransit(tokenConfig(server.rootToken()));
    DataKey key = keys.generateDataKey();
    server.seal();
    assertFails(() -> keys.unwrap(key.wrapped()), StorageErrorCode.VAULT_SEALED, "unseal",
        server.rootToken());
    assertFails(() -> KeyProvider.vaultTransit(tokenConfig(server.rootToken())),
        StorageErrorCode.VAULT_SEALED, "unseal", server.rootToken());
    assertFails(() -> KeyProvider.vaultTransit(appRoleConfig()),
        StorageErrorCode.VAULT_SEALED, "unseal", appRole[1]);
    server.unseal();
    keys.unwrap(key.wrapped()).close();
  }

  @Test
  void stoppedVault_isReportedUnreachable_andRecoveryNeedsNoRestart() {
    KeyProvider keys = KeyProvider.vaultTransit(tokenConfig(server.rootToken()));
    DataKey key = keys.generateDataKey();
    server.stop();
    assertFails(() -> keys.unwrap(key.wrapped()), StorageErrorCode.VAULT_UNREACHABLE,
        "unreachable", server.rootToken());
    assertFails(() -> KeyProvider.vaultTransit(tokenConfig(server.rootToken())),
        StorageErrorCode.VAULT_UNREACHABLE, server.address(), server.rootToken());
    server.restart();
    keys.unwrap(key.wrapped()).close();
  }

  @Test
  void tokenWithoutPermission_isDenied_namingThePathNotTheToken() {
    KeyProvider.vaultTransit(tokenConfig(server.rootToken())); // creates the key
    String token = server.createToken("read-only");
    KeyProvider keys = KeyProvider.vaultTransit(tokenConfig(token));
    assertFails(keys::generateDataKey, StorageErrorCode.VAULT_DENIED,
        "transit/datakey/plaintext/" + KEY, token);
  }

  @Test
  void revokedStaticToken_isDenied_sayingTheTokenIsInvalid() {
    String token = server.createToken("lethe");
    KeyProvider keys = KeyProvider.vaultTransit(tokenConfig(token));
    server.revokeToken(token);
    assertFails(keys::generateDataKey, StorageErrorCode.VAULT_DENIED, "invalid", token);
  }

  private Vault rootVault() {
    VaultTransitConfig cfg = tokenConfig(server.rootToken());
    return VaultSession.driver(VaultSession.driverConfig(cfg, server.rootToken()), cfg);
  }

  private static void assertFails(ThrowingCallable call, StorageErrorCode code, String mentions,
      String secret) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StorageException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.getMessage()).contains(mentions).doesNotContain(secret);
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
      }
    });
  }
}
