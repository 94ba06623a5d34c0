package io.lethe.storage;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The facade on H2, the embedded default's database, in its native mode. */
class PersonalDataStoreH2Test extends PersonalDataStoreContract {

  private static final JdbcDataSource H2 = new JdbcDataSource();

  static {
    H2.setURL("jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Override
  protected DataSource dataSource() {
    return H2;
  }

  @Override
  protected String schemaName() {
    return "PUBLIC";
  }
}
