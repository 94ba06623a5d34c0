package io.lethe.server.db;

import io.lethe.audit.outbox.AuditMigrations;
import io.lethe.storage.db.StorageMigrations;
import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** Brings every module's tables up to date when the server starts, before it takes requests. */
@Component
class DatabaseMigrations implements InitializingBean {

  private final DataSource dataSource;

  DatabaseMigrations(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void afterPropertiesSet() {
    StorageMigrations.migrate(dataSource);
    AuditMigrations.migrate(dataSource);
    io.lethe.lifecycle.db.LifecycleMigrations.migrate(dataSource);
    ServerMigrations.migrate(dataSource);
  }
}
