package io.lethe.lifecycle.erasure;

import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The erasure job on PostgreSQL and S3Proxy. */
class ErasurePostgresIT extends ErasureContract {

  @RegisterExtension
  static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension
  static final S3ProxyExtension s3 = new S3ProxyExtension();
  private static ErasureFixture fixture;

  @BeforeAll
  static void setUp(@TempDir Path keyDir) throws Exception {
    fixture = new ErasureFixture(pg.dataSource(), s3.client(), "lethe-erasure", keyDir, true);
  }

  @Override
  protected ErasureFixture fixture() {
    return fixture;
  }
}
