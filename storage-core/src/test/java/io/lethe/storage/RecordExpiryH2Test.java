package io.lethe.storage;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Expiries and their policy versions on H2, the embedded default's database. */
class RecordExpiryH2Test extends RecordExpiryContract {

  private static final JdbcDataSource H2 = new JdbcDataSource();

  static {
    H2.setURL("jdbc:h2:mem:expiry-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Override
  protected DataSource dataSource() {
    return H2;
  }
}
