package io.lethe.testsupport.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The real PostgreSQL server at {@code LETHE_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code LETHE_TEST_PG_USER} or
 * {@code postgres}). Each test class gets a fresh schema of its own, dropped afterwards.
 *
 * <pre>{@code
 * @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
 * ... pg.dataSource() ...
 * }</pre>
 *
 * <p>If no server answers, the class fails with a message that says how to start one: a test
 * that needs PostgreSQL never silently skips.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {

  private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  private final String url = env("LETHE_TEST_PG_URL", DEFAULT_URL);
  private final String user = env("LETHE_TEST_PG_USER", "postgres");
  private final String password = env("LETHE_TEST_PG_PASSWORD", "");
  private String schema;
  private PGSimpleDataSource dataSource;

  @Override
  public void beforeAll(ExtensionContext context) throws SQLException {
    String owner = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT);
    schema = "t_" + owner.replaceAll("[^a-z0-9]", "") + "_"
        + UUID.randomUUID().toString().substring(0, 8);
    PGSimpleDataSource admin = newDataSource(null);
    try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL is not reachable at " + url + " as " + user
          + " (" + e.getMessage() + "). Start it with "
          + "'pg_ctlcluster --skip-systemctl-redirect 15 main start' (or .ci/run, which installs "
          + "and starts it), or point LETHE_TEST_PG_URL, LETHE_TEST_PG_USER and "
          + "LETHE_TEST_PG_PASSWORD at a server you have.", e);
    }
    dataSource = newDataSource(schema);
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    if (schema == null) {
      return;
    }
    try (Connection c = newDataSource(null).getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  /** Connections whose search path is this class's schema. */
  public DataSource dataSource() {
    if (dataSource == null) {
      throw new IllegalStateException("PostgresExtension is used before beforeAll: register it "
          + "as a static field with @RegisterExtension");
    }
    return dataSource;
  }

  public String schema() {
    return schema;
  }

  /** The JDBC URL of this class's schema, for code that takes a URL rather than a DataSource. */
  public String jdbcUrl() {
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  private PGSimpleDataSource newDataSource(String currentSchema) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser(user);
    ds.setPassword(password);
    ds.setConnectTimeout(5);
    if (currentSchema != null) {
      ds.setCurrentSchema(currentSchema);
    }
    return ds;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
