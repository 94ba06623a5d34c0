package io.lethe.lifecycle.triggers;

import io.lethe.lifecycle.retention.SweepDatabase;
import io.lethe.lifecycle.retention.SweepFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retention triggers and the sweep after them on H2, the embedded default. */
class RetentionTriggersH2IT extends ClosureSweepContract {

  @RegisterExtension
  static final SweepDatabase database = SweepDatabase.h2();

  @Override
  protected SweepFixture fixture() {
    return database.fixture();
  }
}
