package io.lethe.storage.objects;

import io.lethe.testsupport.s3.S3ProxyExtension;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The object store on S3Proxy and H2, the embedded default's pair. */
class S3ObjectStoreH2IT extends ObjectStoreContract {

  private static final JdbcDataSource H2 = new JdbcDataSource();

  static {
    H2.setURL("jdbc:h2:mem:objects-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @RegisterExtension
  static final S3ProxyExtension s3 = new S3ProxyExtension();

  @Override
  protected DataSource dataSource() {
    return H2;
  }

  @Override
  protected S3ProxyExtension s3() {
    return s3;
  }
}
