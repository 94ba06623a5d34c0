package io.lethe.lifecycle.triggers;

import io.lethe.lifecycle.retention.SweepFixture;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Path;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Retention triggers and the sweep after them on H2, the embedded default. */
class RetentionTriggersH2IT extends ClosureSweepContract {

  @RegisterExtension
  static final S3ProxyExtension s3 = new S3ProxyExtension();
  private static SweepFixture fixture;

  @BeforeAll
  static void setUp(@TempDir Path keyDir) throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:triggers-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    fixture = new SweepFixture(h2, s3, keyDir);
  }

  @Override
  protected SweepFixture fixture() {
    return fixture;
  }
}
