package io.lethe.storage.objects;

import io.lethe.testsupport.s3.S3ProxyExtension;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tampering, leaks and crypto-shredding on S3Proxy and H2, the embedded default's pair. */
class S3ObjectStoreSecurityH2IT extends ObjectStoreSecurityContract {

  private static final JdbcDataSource H2 = new JdbcDataSource();

  static {
    // Case-insensitive identifiers only so that PlaintextScanner, which names tables unquoted,
    // can read Flyway's lower-case history table; the store's SQL runs either way.
    H2.setURL("jdbc:h2:mem:objects-" + UUID.randomUUID()
        + ";DB_CLOSE_DELAY=-1;CASE_INSENSITIVE_IDENTIFIERS=TRUE");
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
