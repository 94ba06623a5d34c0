package io.lethe.storage;

import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.TestKeyrings;
import io.lethe.testsupport.postgres.PostgresExtension;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL with the local keyring. */
class SubjectKeyRewrapPostgresIT extends SubjectKeyRewrapContract {

  @RegisterExtension
  static final PostgresExtension pg = new PostgresExtension();

  @TempDir
  Path dir;

  @Override
  protected DataSource dataSource() {
    return pg.dataSource();
  }

  @Override
  protected KeyProvider newKeys() {
    return TestKeyrings.fast(dir.resolve("keyring.lkr"));
  }
}
