package io.lethe.server.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;

/**
 * Refuses to start while an active principal holds a role the configuration no longer defines:
 * such a principal would silently lose permissions, which is better decided by a person.
 */
@Component
@DependsOn("databaseMigrations")
class PrincipalRoleCheck implements InitializingBean {

  private final PrincipalStore principals;
  private final RoleCatalog roles;

  PrincipalRoleCheck(PrincipalStore principals, RoleCatalog roles) {
    this.principals = principals;
    this.roles = roles;
  }

  @Override
  public void afterPropertiesSet() {
    List<String> problems = new ArrayList<>();
    for (PrincipalStore.Listed p : principals.list()) {
      if (p.revokedAt() != null) {
        continue;
      }
      p.roles().stream().filter(role -> !roles.defines(role)).forEach(role -> problems.add(
          "principal '" + p.name() + "' (" + p.id() + ") holds the role '" + role + "'"));
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Roles referenced by principals are not defined (the roles"
          + " are " + roles.names() + "):\n  " + String.join("\n  ", problems)
          + "\nDefine them under lethe.security.roles, or revoke these principals.");
    }
  }
}
