package io.lethe.server.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.server.db.ServerMigrations;
import io.lethe.testsupport.postgres.PostgresExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A principal holding a role the configuration no longer defines stops the start. */
class PrincipalRoleCheckIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();

  @Test
  void anActivePrincipalWithAnUndefinedRole_stopsTheStart_namingPrincipalAndRole() {
    // In the server's order: the server's migrations move rows into lifecycle's tables.
    io.lethe.storage.db.StorageMigrations.migrate(pg.dataSource());
    io.lethe.audit.outbox.AuditMigrations.migrate(pg.dataSource());
    io.lethe.lifecycle.db.LifecycleMigrations.migrate(pg.dataSource());
    ServerMigrations.migrate(pg.dataSource());
    PrincipalStore store = new PrincipalStore(pg.dataSource());
    store.create("svc-audit", List.of("auditor"), List.of());
    RoleCatalog withAuditor = RoleCatalog.of(Map.of("auditor", List.of("audit:search")));

    assertThatCode(() -> new PrincipalRoleCheck(store, withAuditor).afterPropertiesSet())
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> new PrincipalRoleCheck(store, RoleCatalog.builtIn())
        .afterPropertiesSet())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("principal 'svc-audit'")
        .hasMessageContaining("holds the role 'auditor'")
        .hasMessageContaining("lethe.security.roles");

    store.revoke(store.list().stream().filter(p -> p.name().equals("svc-audit")).findFirst()
        .orElseThrow().id());
    assertThatCode(() -> new PrincipalRoleCheck(store, RoleCatalog.builtIn()).afterPropertiesSet())
        .as("a revoked principal's roles do not matter").doesNotThrowAnyException();
  }
}
