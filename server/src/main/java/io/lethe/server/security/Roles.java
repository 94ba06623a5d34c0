package io.lethe.server.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in roles and the permissions each grants. A responder searches the trail but reads
 * no personal data; a DPO handles subject requests; a service stores and reads for its purposes.
 */
public final class Roles {

  static final Map<String, List<String>> BUILT_IN = Map.of(
      "admin", List.of("*"),
      "service", List.of("subjects:create", "subjects:read", "records:create:*",
          "records:read:*:*", "records:lookup:*:*", "records:update:*", "objects:create:*",
          "objects:read:*:*"),
      "dpo", List.of("subjects:*", "records:read:*:data-subject-request", "records:read-plain:*",
          "records:update:*", "records:delete:*", "objects:read:*:data-subject-request",
          "holds:manage", "audit:search", "statistics:read"),
      "responder", List.of("audit:search", "audit:export", "audit:verify", "jobs:read",
          "metrics:read"));

  private Roles() {}

  /** The permissions of {@code roles} plus {@code extra}; an unknown role is refused. */
  public static List<String> permissions(List<String> roles, List<String> extra) {
    Set<String> out = new LinkedHashSet<>();
    for (String role : roles) {
      List<String> granted = BUILT_IN.get(role);
      if (granted == null) {
        throw new IllegalArgumentException("unknown role '" + role + "'; the roles are "
            + BUILT_IN.keySet().stream().sorted().toList());
      }
      out.addAll(granted);
    }
    for (String permission : extra) {
      if (permission == null || !permission.matches("[a-z*][a-z0-9*:,._-]{0,199}")) {
        throw new IllegalArgumentException("a permission is a Shiro wildcard string such as "
            + "records:read:identity:account-management");
      }
      out.add(permission);
    }
    return List.copyOf(out);
  }
}
