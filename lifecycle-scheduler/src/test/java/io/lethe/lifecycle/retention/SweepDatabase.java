package io.lethe.lifecycle.retention;

import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link SweepFixture} for a test class, on a fresh H2 database or PostgreSQL schema, with an
 * S3Proxy bucket and a keyring of its own: what each database's subclass of a lifecycle contract
 * needs. Register it as a static field with {@code @RegisterExtension}.
 */
public final class SweepDatabase implements BeforeAllCallback, AfterAllCallback {

  private final S3ProxyExtension s3 = new S3ProxyExtension();
  private final PostgresExtension pg;
  private Path keyDir;
  private DataSource dataSource;
  private SweepFixture fixture;

  private SweepDatabase(PostgresExtension pg) {
    this.pg = pg;
  }

  /** H2 in memory, the embedded default. */
  public static SweepDatabase h2() {
    return new SweepDatabase(null);
  }

  /** The test PostgreSQL server, in a schema of the class's own. */
  public static SweepDatabase postgres() {
    return new SweepDatabase(new PostgresExtension());
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    s3.beforeAll(context);
    if (pg == null) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:lifecycle-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      dataSource = h2;
    } else {
      pg.beforeAll(context);
      dataSource = pg.dataSource();
    }
    keyDir = Files.createTempDirectory("lethe-keys");
    fixture = new SweepFixture(dataSource, s3, keyDir);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (pg != null) {
      pg.afterAll(context);
    }
    s3.afterAll(context);
    try (Stream<Path> files = Files.walk(keyDir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover temporary keyring only costs disk space.
    }
  }

  public SweepFixture fixture() {
    return fixture;
  }

  public DataSource dataSource() {
    return dataSource;
  }
}
