package io.lethe.lifecycle.retention;

import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Path;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The anonymization job on H2 and S3Proxy, the embedded default's pair. */
class AnonymizationH2IT extends AnonymizationContract {

  @RegisterExtension
  static final S3ProxyExtension s3 = new S3ProxyExtension();
  private static SweepFixture fixture;

  @BeforeAll
  static void setUp(@TempDir Path keyDir) throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:anonymize-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    fixture = new SweepFixture(h2, s3, keyDir);
  }

  @Override
  protected SweepFixture fixture() {
    return fixture;
  }
}
