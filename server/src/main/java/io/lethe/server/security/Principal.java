package io.lethe.server.security;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A caller known to Lethe, with its roles and Shiro wildcard permissions. */
public record Principal(UUID id, String name, List<String> roles, List<String> permissions,
    Instant createdAt) {
  public Principal {
    Objects.requireNonNull(id, "id");
    if (name == null || !name.matches("[a-z0-9][a-z0-9._-]{0,127}")) {
      throw new IllegalArgumentException("a principal name is 1-128 lower-case letters, digits, "
          + "dots, dashes or underscores");
    }
    roles = List.copyOf(roles);
    permissions = List.copyOf(permissions);
  }
}
