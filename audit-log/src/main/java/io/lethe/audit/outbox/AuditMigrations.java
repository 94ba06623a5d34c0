package io.lethe.audit.outbox;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Creates and upgrades the audit module's tables; its history table is its own. */
public final class AuditMigrations {

  private AuditMigrations() {}

  public static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/lethe/audit")
        .table("lethe_audit_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }
}
