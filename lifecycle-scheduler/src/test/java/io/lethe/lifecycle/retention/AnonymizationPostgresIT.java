package io.lethe.lifecycle.retention;

import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The anonymization job on PostgreSQL and S3Proxy. */
class AnonymizationPostgresIT extends AnonymizationContract {

  @RegisterExtension
  static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension
  static final S3ProxyExtension s3 = new S3ProxyExtension();
  private static SweepFixture fixture;

  @BeforeAll
  static void setUp(@TempDir Path keyDir) throws Exception {
    fixture = new SweepFixture(pg.dataSource(), s3, keyDir);
  }

  @Override
  protected SweepFixture fixture() {
    return fixture;
  }
}
