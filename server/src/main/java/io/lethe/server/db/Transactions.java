package io.lethe.server.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Runs work in one database transaction, so a change and the audit event that records it commit
 * together or not at all.
 */
@Component
public class Transactions {

  /** Work on a connection whose transaction this class commits or rolls back. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;

  Transactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public <T> T inTransaction(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (RuntimeException | SQLException | Error e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(e);
    }
  }
}
