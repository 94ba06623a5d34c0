package io.lethe.storage.db;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Creates and upgrades storage-core's tables with Flyway. The history table is storage-core's
 * own, so audit-log and lifecycle-scheduler can migrate the same database schema independently.
 */
public final class StorageMigrations {

  public static final String LOCATION = "classpath:db/lethe/storage";
  public static final String HISTORY_TABLE = "lethe_storage_schema_history";

  private StorageMigrations() {}

  /**
   * Applies pending migrations to the data source's default schema and returns how many ran.
   * A schema that already holds other modules' tables is fine: it is baselined at version 0, so
   * every storage-core migration still runs.
   */
  public static int migrate(DataSource dataSource) {
    try {
      return Flyway.configure(StorageMigrations.class.getClassLoader())
          .dataSource(dataSource)
          .locations(LOCATION)
          .table(HISTORY_TABLE)
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate()
          .migrationsExecuted;
    } catch (FlywayException e) {
      throw new StorageException(StorageErrorCode.DATABASE,
          "storage-core migrations failed", e);
    }
  }
}
