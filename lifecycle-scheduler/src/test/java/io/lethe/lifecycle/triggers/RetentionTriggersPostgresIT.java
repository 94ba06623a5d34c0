package io.lethe.lifecycle.triggers;

import io.lethe.lifecycle.retention.SweepFixture;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Retention triggers and the sweep after them on PostgreSQL. */
class RetentionTriggersPostgresIT extends ClosureSweepContract {

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
