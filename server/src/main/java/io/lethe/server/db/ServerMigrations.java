package io.lethe.server.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The server's own tables (principals); each module keeps its own migration history. */
public final class ServerMigrations {

  private ServerMigrations() {}

  public static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/lethe/server")
        .table("lethe_server_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }
}
