package io.lethe.lifecycle.retention;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The retention jobs on H2 and S3Proxy, the embedded default's pair. */
class RetentionSweepH2IT extends RetentionSweepContract {

  @RegisterExtension
  static final SweepDatabase database = SweepDatabase.h2();

  @Override
  protected SweepFixture fixture() {
    return database.fixture();
  }
}
