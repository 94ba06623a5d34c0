package io.lethe.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoleCatalogTest {

  @Test
  void withoutConfiguration_theFourBuiltInRolesAreDefined() {
    RoleCatalog roles = RoleCatalog.builtIn();
    assertThat(roles.names()).containsExactly("admin", "dpo", "responder", "service");
    assertThat(roles.permissions("admin")).containsExactly("*");
    assertThat(roles.permissions("responder")).contains("audit:search", "metrics:read");
  }

  @Test
  void aConfiguredRole_replacesTheBuiltInOfTheSameName_andNewOnesAreAdded() {
    RoleCatalog roles = RoleCatalog.of(Map.of(
        "service", List.of("subjects:create", "records:create:account"),
        "auditor", List.of("audit:search,export", "schema:read")));
    assertThat(roles.names()).containsExactly("admin", "auditor", "dpo", "responder", "service");
    assertThat(roles.permissions("service")).containsExactly("subjects:create",
        "records:create:account");
    assertThat(roles.permissionsOf(List.of("auditor", "service"))).containsExactly(
        "audit:search,export", "schema:read", "subjects:create", "records:create:account");
    assertThat(roles.permissionsOf(List.of("gone"))).as("an undefined role grants nothing")
        .isEmpty();
  }

  @Test
  void malformedPermissions_areRefusedAtStart_namingTheSettingAndIndex() {
    assertThatThrownBy(() -> RoleCatalog.of(Map.of("auditor",
        List.of("audit:search", "audit::search", "Audit:Search", "audit:", ",", "a b"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lethe.security.roles.auditor[1] 'audit::search'")
        .hasMessageContaining("lethe.security.roles.auditor[2] 'Audit:Search'")
        .hasMessageContaining("lethe.security.roles.auditor[3] 'audit:'")
        .hasMessageContaining("lethe.security.roles.auditor[4] ','")
        .hasMessageContaining("lethe.security.roles.auditor[5] 'a b'")
        .hasMessageNotContaining("auditor[0]");
  }

  @Test
  void aMalformedRoleName_isRefused() {
    assertThatThrownBy(() -> RoleCatalog.of(Map.of("Auditors!", List.of("audit:search"))))
        .hasMessageContaining("lethe.security.roles.Auditors!: a role name is");
  }

  @Test
  void wildcardsAndAlternatives_areValid() {
    assertThat(RoleCatalog.malformed("*")).isNull();
    assertThat(RoleCatalog.malformed("records:read:identity,contact:accident-handling")).isNull();
    assertThat(RoleCatalog.malformed("records:read-plain:*")).isNull();
  }

  @Test
  void aGrant_ofAnUnknownRoleOrMalformedPermission_isRefused() {
    RoleCatalog roles = RoleCatalog.builtIn();
    roles.checkGrant(List.of("service"), List.of("schema:read"));
    assertThatThrownBy(() -> roles.checkGrant(List.of("root"), List.of()))
        .hasMessage("a role is not one of the roles [admin, dpo, responder, service]")
        .as("the asked-for name is not echoed").hasMessageNotContaining("root");
    assertThatThrownBy(() -> roles.checkGrant(List.of(), List.of("schema::read")))
        .hasMessageContaining("Shiro wildcard");
  }
}
