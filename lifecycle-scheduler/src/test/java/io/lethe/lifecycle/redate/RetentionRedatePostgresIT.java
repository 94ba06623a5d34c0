package io.lethe.lifecycle.redate;

import io.lethe.lifecycle.retention.SweepDatabase;
import io.lethe.lifecycle.retention.SweepFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redating and the sweep after it on PostgreSQL and S3Proxy. */
class RetentionRedatePostgresIT extends RetentionRedateContract {

  @RegisterExtension
  static final SweepDatabase database = SweepDatabase.postgres();

  @Override
  protected SweepFixture fixture() {
    return database.fixture();
  }
}
