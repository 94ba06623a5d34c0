package io.lethe.storage;

import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.TestKeyrings;
import java.nio.file.Path;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;

/** H2 with the local keyring: the embedded default. */
class SubjectKeyRewrapH2Test extends SubjectKeyRewrapContract {

  static final JdbcDataSource H2 = new JdbcDataSource();

  static {
    H2.setURL("jdbc:h2:mem:rewrap-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @TempDir
  Path dir;

  @Override
  protected DataSource dataSource() {
    return H2;
  }

  @Override
  protected KeyProvider newKeys() {
    return TestKeyrings.fast(dir.resolve("keyring.lkr"));
  }
}
