package io.lethe.storage.db;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

class StorageMigrationsH2Test extends StorageMigrationsContract {

  private final JdbcDataSource h2 = new JdbcDataSource();

  StorageMigrationsH2Test() {
    h2.setURL("jdbc:h2:mem:migrations-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Override
  protected DataSource dataSource() {
    return h2;
  }

  @Override
  protected String schemaName() {
    return "PUBLIC";
  }
}
