package io.lethe.storage;

import io.lethe.testsupport.postgres.PostgresExtension;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

class BlindIndexPostgresIT extends BlindIndexContract {

  @RegisterExtension
  static final PostgresExtension pg = new PostgresExtension();

  @Override
  protected DataSource dataSource() {
    return pg.dataSource();
  }

  @Override
  protected String schemaName() {
    return pg.schema();
  }
}
