package io.lethe.lifecycle.quartz;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/** Lends Quartz the application's DataSource, so the job store shares its pool and schema. */
final class DataSourceConnectionProvider implements ConnectionProvider {

  private final DataSource dataSource;

  DataSourceConnectionProvider(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public void shutdown() {
    // The pool belongs to whoever gave us the DataSource; it closes it.
  }

  @Override
  public void initialize() {
    // Nothing to set up: the DataSource is ready when given.
  }
}
