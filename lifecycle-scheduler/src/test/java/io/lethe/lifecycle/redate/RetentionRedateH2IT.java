package io.lethe.lifecycle.redate;

import io.lethe.lifecycle.retention.SweepDatabase;
import io.lethe.lifecycle.retention.SweepFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redating and the sweep after it on H2 and S3Proxy, the embedded default's pair. */
class RetentionRedateH2IT extends RetentionRedateContract {

  @RegisterExtension
  static final SweepDatabase database = SweepDatabase.h2();

  @Override
  protected SweepFixture fixture() {
    return database.fixture();
  }
}
