package io.lethe.storage;

import io.lethe.testsupport.postgres.PostgresExtension;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Expiries and their policy versions on the real PostgreSQL server, in a schema of its own. */
class RecordExpiryPostgresIT extends RecordExpiryContract {

  @RegisterExtension
  static final PostgresExtension pg = new PostgresExtension();

  @Override
  protected DataSource dataSource() {
    return pg.dataSource();
  }
}
