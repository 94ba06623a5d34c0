package io.lethe.lifecycle.erasure;

import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Path;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The erasure job on H2 and S3Proxy, the embedded default's pair. */
class ErasureH2IT extends ErasureContract {

  @RegisterExtension
  static final S3ProxyExtension s3 = new S3ProxyExtension();
  private static ErasureFixture fixture;

  @BeforeAll
  static void setUp(@TempDir Path keyDir) throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:erasure-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    fixture = new ErasureFixture(h2, s3.client(), "lethe-erasure", keyDir, true);
  }

  @Override
  protected ErasureFixture fixture() {
    return fixture;
  }
}
