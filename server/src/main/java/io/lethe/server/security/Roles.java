package io.lethe.server.security;

import java.util.List;
import java.util.Map;

/**
 * The built-in roles and the permissions each grants, the defaults of {@link RoleCatalog}. A
 * responder searches the trail but reads no personal data; a DPO handles subject requests; a
 * service stores and reads for its purposes.
 */
final class Roles {

  static final Map<String, List<String>> BUILT_IN = Map.of(
      "admin", List.of("*"),
      "service", List.of("subjects:create", "subjects:read", "subjects:close", "records:create:*",
          "records:read:*:*", "records:lookup:*:*", "records:update:*", "records:fulfil:*",
          "objects:create:*", "objects:read:*:*"),
      "dpo", List.of("subjects:*", "records:read:*:data-subject-request", "records:read-plain:*",
          "records:update:*", "records:delete:*", "objects:read:*:data-subject-request",
          "holds:manage", "audit:search", "statistics:read"),
      "responder", List.of("audit:search", "audit:export", "audit:verify", "jobs:read",
          "metrics:read"));

  private Roles() {}
}
