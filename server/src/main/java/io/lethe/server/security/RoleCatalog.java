package io.lethe.server.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.shiro.authz.permission.WildcardPermission;

/**
 * The roles principals may hold, each a set of Shiro wildcard permissions: the built-in ones of
 * {@link Roles}, replaced or extended by {@code lethe.security.roles}. Resolved on every
 * authorization, so a changed role applies to its holders at the next start. Immutable.
 */
public final class RoleCatalog {

  private static final Pattern ROLE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  private static final String PART = "[a-z0-9*._-]+(,[a-z0-9*._-]+)*";
  /** Shiro itself accepts empty parts ("a::b"), which never match what was meant: refuse them. */
  private static final Pattern PERMISSION = Pattern.compile("[a-z*]" + "(?=.{0,199}$)"
      + "[a-z0-9*._-]*(,[a-z0-9*._-]+)*(:" + PART + ")*");

  private final Map<String, List<String>> roles;

  private RoleCatalog(Map<String, List<String>> roles) {
    this.roles = roles;
  }

  /** The built-in roles only. */
  public static RoleCatalog builtIn() {
    return of(Map.of());
  }

  /**
   * The built-in roles, each replaced by a configured role of the same name, plus the other
   * configured roles.
   *
   * @throws IllegalStateException naming the setting, when a role name or permission is malformed
   */
  public static RoleCatalog of(Map<String, List<String>> configured) {
    Map<String, List<String>> merged = new TreeMap<>(Roles.BUILT_IN);
    List<String> problems = new ArrayList<>();
    configured.forEach((name, permissions) -> {
      String setting = "lethe.security.roles." + name;
      if (!ROLE_NAME.matcher(name).matches()) {
        problems.add(setting + ": a role name is 1-64 lower-case letters, digits or dashes, "
            + "starting with a letter");
        return;
      }
      List<String> granted = permissions == null ? List.of() : permissions;
      for (int i = 0; i < granted.size(); i++) {
        String why = malformed(granted.get(i));
        if (why != null) {
          problems.add(setting + "[" + i + "] '" + granted.get(i) + "': " + why);
        }
      }
      merged.put(name, List.copyOf(new LinkedHashSet<>(granted)));
    });
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Invalid roles in the configuration:\n  "
          + String.join("\n  ", problems));
    }
    return new RoleCatalog(Map.copyOf(merged));
  }

  public Set<String> names() {
    return new java.util.TreeSet<>(roles.keySet());
  }

  public boolean defines(String role) {
    return roles.containsKey(role);
  }

  /** The role's permissions; empty for a role that is not defined. */
  public List<String> permissions(String role) {
    return roles.getOrDefault(role, List.of());
  }

  /** Every permission of {@code held}, for the realm; undefined roles grant nothing. */
  Set<String> permissionsOf(List<String> held) {
    Set<String> out = new LinkedHashSet<>();
    held.forEach(role -> out.addAll(permissions(role)));
    return out;
  }

  /**
   * Checks the roles and extra permissions asked for a new principal.
   *
   * @throws IllegalArgumentException with a message for the caller
   */
  public void checkGrant(List<String> requestedRoles, List<String> extraPermissions) {
    for (String role : requestedRoles) {
      if (role == null || !defines(role)) {
        throw new IllegalArgumentException("a role is not one of the roles "
            + names());
      }
    }
    for (String permission : extraPermissions) {
      if (malformed(permission) != null) {
        throw new IllegalArgumentException("a permission is a Shiro wildcard string such as "
            + "records:read:identity:account-management");
      }
    }
  }

  /** Why a permission string is malformed, or null when it is a valid wildcard permission. */
  static String malformed(String permission) {
    if (permission == null || !PERMISSION.matcher(permission).matches()) {
      return "not a Shiro wildcard permission (lower-case parts separated by ':', alternatives "
          + "by ',', '*' for any), e.g. records:read:identity:account-management";
    }
    try {
      new WildcardPermission(permission, true);
    } catch (IllegalArgumentException e) {
      return "not a Shiro wildcard permission: " + e.getMessage();
    }
    return null;
  }
}
