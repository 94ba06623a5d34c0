package io.lethe.storage;

import io.lethe.storage.keys.KeyProvider;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.vault.VaultTestServer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PostgreSQL with Vault Transit: the production combination. */
class SubjectKeyRewrapVaultPostgresIT extends SubjectKeyRewrapContract {

  @RegisterExtension
  static final PostgresExtension pg = new PostgresExtension();

  static VaultTestServer vault;

  @BeforeAll
  static void startVault() {
    vault = VaultTestServer.start();
  }

  @AfterAll
  static void stopVault() {
    vault.close();
  }

  @Override
  protected DataSource dataSource() {
    return pg.dataSource();
  }

  @Override
  protected KeyProvider newKeys() {
    return SubjectKeyRewrapVaultH2IT.freshTransitKey(vault);
  }
}
