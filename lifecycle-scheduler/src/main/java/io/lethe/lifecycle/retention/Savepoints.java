package io.lethe.lifecycle.retention;

import io.lethe.lifecycle.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * One record's action inside a batch's transaction: a failure undoes that record's rows only,
 * and the batch goes on with the next record.
 */
final class Savepoints {

  private Savepoints() {}

  static Savepoint set(Connection c) {
    try {
      return c.setSavepoint();
    } catch (SQLException e) {
      throw Jdbc.failed("set a savepoint", e);
    }
  }

  /** Undoes back to {@code savepoint}; if even that fails, the whole batch must roll back. */
  static void undo(Connection c, Savepoint savepoint, RuntimeException cause, String what) {
    try {
      c.rollback(savepoint);
    } catch (SQLException e) {
      cause.addSuppressed(e);
      throw Jdbc.failed("undo a failed " + what, e);
    }
  }
}
