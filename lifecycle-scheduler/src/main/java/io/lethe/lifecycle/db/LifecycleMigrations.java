package io.lethe.lifecycle.db;

import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Creates and upgrades lifecycle-scheduler's tables (legal holds, job runs, Quartz's job store)
 * with Flyway. The history table is this module's own, so storage-core and audit-log migrate the
 * same schema independently; run theirs first, since the jobs read their tables.
 */
public final class LifecycleMigrations {

  public static final String LOCATION = "classpath:db/lethe/lifecycle";
  public static final String HISTORY_TABLE = "lethe_lifecycle_schema_history";

  private LifecycleMigrations() {}

  /** Applies pending migrations to the data source's default schema; returns how many ran. */
  public static int migrate(DataSource dataSource) {
    try {
      return Flyway.configure(LifecycleMigrations.class.getClassLoader())
          .dataSource(dataSource)
          .locations(LOCATION)
          .table(HISTORY_TABLE)
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate()
          .migrationsExecuted;
    } catch (FlywayException e) {
      throw new LifecycleException(LifecycleErrorCode.DATABASE,
          "lifecycle-scheduler migrations failed", e);
    }
  }
}
