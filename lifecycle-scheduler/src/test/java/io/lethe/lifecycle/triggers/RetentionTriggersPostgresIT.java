package io.lethe.lifecycle.triggers;

import io.lethe.lifecycle.retention.SweepDatabase;
import io.lethe.lifecycle.retention.SweepFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retention triggers and the sweep after them on PostgreSQL. */
class RetentionTriggersPostgresIT extends ClosureSweepContract {

  @RegisterExtension
  static final SweepDatabase database = SweepDatabase.postgres();

  @Override
  protected SweepFixture fixture() {
    return database.fixture();
  }
}
