package io.lethe.storage;

import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.VaultTransitConfig;
import io.lethe.testsupport.vault.VaultTestServer;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** H2 with Vault Transit: rewrap batches go to Transit's batch rewrap. */
class SubjectKeyRewrapVaultH2IT extends SubjectKeyRewrapContract {

  static final JdbcDataSource H2 = new JdbcDataSource();
  static final AtomicInteger KEYS = new AtomicInteger();
  static VaultTestServer vault;

  static {
    H2.setURL("jdbc:h2:mem:rewrap-vault-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @BeforeAll
  static void startVault() {
    vault = VaultTestServer.start();
  }

  @AfterAll
  static void stopVault() {
    vault.close();
  }

  static KeyProvider freshTransitKey(VaultTestServer server) {
    return KeyProvider.vaultTransit(VaultTransitConfig.token(server.address(),
        "rewrap-" + KEYS.incrementAndGet(), server.rootToken()));
  }

  @Override
  protected DataSource dataSource() {
    return H2;
  }

  @Override
  protected KeyProvider newKeys() {
    return freshTransitKey(vault);
  }
}
