package io.lethe.storage.objects;

import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The object store on S3Proxy and the real PostgreSQL server. */
class S3ObjectStorePostgresIT extends ObjectStoreContract {

  @RegisterExtension
  static final PostgresExtension pg = new PostgresExtension();

  @RegisterExtension
  static final S3ProxyExtension s3 = new S3ProxyExtension();

  @Override
  protected DataSource dataSource() {
    return pg.dataSource();
  }

  @Override
  protected S3ProxyExtension s3() {
    return s3;
  }
}
