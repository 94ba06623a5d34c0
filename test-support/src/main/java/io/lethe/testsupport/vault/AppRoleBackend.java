package io.lethe.testsupport.vault;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An approle auth mount: roles, role-id, secret-id and login. */
final class AppRoleBackend implements Route.Backend {

  static final class Role {
    String roleId = Tokens.uuid();
    final String entityId = Tokens.uuid();
    boolean bindSecretId = true;
    List<String> policies = List.of();
    long tokenTtl;
    long tokenMaxTtl;
    int tokenNumUses;
    long secretIdTtl;
    int secretIdNumUses;
    boolean noDefaultPolicy;
    final Map<String, SecretId> secretIds = new LinkedHashMap<>();
  }

  static final class SecretId {
    final String accessor = Tokens.uuid();
    final Map<String, String> metadata;
    final Instant expiresAt;
    int usesLeft;

    SecretId(Map<String, String> metadata, long ttl, int uses) {
      this.metadata = metadata;
      this.expiresAt = ttl > 0 ? Instant.now().plusSeconds(ttl) : null;
      this.usesLeft = uses;
    }
  }

  private final VaultState state;
  private final Map<String, Role> roles = new TreeMap<>();
  private final List<Route> routes = new ArrayList<>();

  AppRoleBackend(VaultState state) {
    this.state = state;
    Fields.Schema roleFields = new Fields.Schema().bool("bind_secret_id", true)
        .strings("token_policies", "policies", "secret_id_bound_cidrs", "token_bound_cidrs", "bound_cidr_list")
        .duration("token_ttl", "token_max_ttl", "secret_id_ttl", "token_period", "period", "token_explicit_max_ttl")
        .integer("token_num_uses", "secret_id_num_uses")
        .bool("token_no_default_policy", "local_secret_ids").str("token_type", "role_id");
    routes.add(Route.of("role/?", new Fields.Schema()).on(Op.LIST,
        (r, f) -> Resp.data(new TreeMap<>(Map.of("keys", new ArrayList<>(roles.keySet()))))));
    routes.add(Route.of("role/" + Route.NAME, roleFields, "role_name")
        .on(Op.UPDATE, this::writeRole)
        .on(Op.READ, this::readRole)
        .on(Op.DELETE, (r, f) -> {
          roles.remove(f.str("role_name"));
          return Resp.empty();
        }));
    routes.add(Route.of("role/" + Route.NAME + "/role-id", new Fields.Schema().str("role_id"), "role_name")
        .on(Op.READ, (r, f) -> {
          Role role = roles.get(f.str("role_name"));
          return role == null ? Resp.notFound() : Resp.data(new TreeMap<>(Map.of("role_id", role.roleId)));
        })
        .on(Op.UPDATE, (r, f) -> {
          role(f).roleId = f.str("role_id");
          return Resp.empty();
        }));
    routes.add(Route.of("role/" + Route.NAME + "/secret-id", new Fields.Schema().str("metadata")
            .duration("ttl").integer("num_uses").strings("cidr_list", "token_bound_cidrs"), "role_name")
        .on(Op.UPDATE, (r, f) -> issueSecretId(role(f), f, Tokens.uuid()))
        .on(Op.LIST, (r, f) -> Resp.data(new TreeMap<>(Map.of("keys", role(f).secretIds.values().stream()
            .map(s -> s.accessor).toList())))));
    routes.add(Route.of("role/" + Route.NAME + "/custom-secret-id", new Fields.Schema().str("metadata",
            "secret_id").duration("ttl").integer("num_uses").strings("cidr_list", "token_bound_cidrs"), "role_name")
        .on(Op.UPDATE, (r, f) -> issueSecretId(role(f), f, f.str("secret_id"))));
    routes.add(Route.of("login", new Fields.Schema().str("role_id", "secret_id")).on(Op.UPDATE, this::login));
  }

  @Override
  public String type() {
    return "approle";
  }

  @Override
  public List<Route> routes() {
    return routes;
  }

  private Role role(Fields f) {
    Role role = roles.get(f.str("role_name"));
    if (role == null) {
      throw Fail.user("role \"" + f.str("role_name") + "\" does not exist");
    }
    return role;
  }

  private Resp writeRole(Req req, Fields f) {
    Role role = roles.computeIfAbsent(f.str("role_name"), n -> new Role());
    if (f.present("bind_secret_id")) {
      role.bindSecretId = f.bool("bind_secret_id");
    }
    if (f.present("token_policies") || f.present("policies")) {
      List<String> p = new ArrayList<>(f.strings("token_policies"));
      p.addAll(f.strings("policies"));
      role.policies = p;
    }
    if (f.present("token_ttl")) {
      role.tokenTtl = f.seconds("token_ttl");
    }
    if (f.present("token_max_ttl")) {
      role.tokenMaxTtl = f.seconds("token_max_ttl");
    }
    if (f.present("token_num_uses")) {
      role.tokenNumUses = f.integer("token_num_uses");
    }
    if (f.present("secret_id_ttl")) {
      role.secretIdTtl = f.seconds("secret_id_ttl");
    }
    if (f.present("secret_id_num_uses")) {
      role.secretIdNumUses = f.integer("secret_id_num_uses");
    }
    if (f.present("token_no_default_policy")) {
      role.noDefaultPolicy = f.bool("token_no_default_policy");
    }
    if (f.present("role_id") && !f.str("role_id").isEmpty()) {
      role.roleId = f.str("role_id");
    }
    return Resp.empty();
  }

  private Resp readRole(Req req, Fields f) {
    Role role = roles.get(f.str("role_name"));
    if (role == null) {
      return Resp.notFound();
    }
    Map<String, Object> d = new TreeMap<>();
    d.put("bind_secret_id", role.bindSecretId);
    d.put("local_secret_ids", false);
    d.put("policies", role.policies);
    d.put("secret_id_bound_cidrs", null);
    d.put("secret_id_num_uses", role.secretIdNumUses);
    d.put("secret_id_ttl", role.secretIdTtl);
    d.put("token_bound_cidrs", List.of());
    d.put("token_explicit_max_ttl", 0);
    d.put("token_max_ttl", role.tokenMaxTtl);
    d.put("token_no_default_policy", role.noDefaultPolicy);
    d.put("token_num_uses", role.tokenNumUses);
    d.put("token_period", 0);
    d.put("token_policies", role.policies);
    d.put("token_ttl", role.tokenTtl);
    d.put("token_type", "default");
    return Resp.data(d);
  }

  private Resp issueSecretId(Role role, Fields f, String secretId) {
    Map<String, String> metadata = new TreeMap<>();
    if (!f.str("metadata").isEmpty()) {
      try {
        Object parsed = GoJson.parse(f.str("metadata"));
        if (parsed instanceof Map<?, ?> m) {
          m.forEach((k, v) -> metadata.put(String.valueOf(k), String.valueOf(v)));
        } else {
          throw new java.io.IOException("not an object");
        }
      } catch (java.io.IOException e) {
        throw Fail.user("failed to parse metadata: " + e.getMessage());
      }
    }
    long ttl = f.present("ttl") ? f.seconds("ttl") : role.secretIdTtl;
    int uses = f.present("num_uses") ? f.integer("num_uses") : role.secretIdNumUses;
    SecretId s = new SecretId(metadata, ttl, uses);
    role.secretIds.put(secretId, s);
    Map<String, Object> d = new TreeMap<>();
    d.put("secret_id", secretId);
    d.put("secret_id_accessor", s.accessor);
    d.put("secret_id_ttl", ttl);
    d.put("secret_id_num_uses", uses);
    return Resp.data(d);
  }

  private Resp login(Req req, Fields f) {
    String roleId = f.str("role_id").trim();
    if (roleId.isEmpty()) {
      throw Fail.user("missing role_id");
    }
    String name = null;
    Role role = null;
    for (Map.Entry<String, Role> e : roles.entrySet()) {
      if (e.getValue().roleId.equals(roleId)) {
        name = e.getKey();
        role = e.getValue();
      }
    }
    if (role == null) {
      throw Fail.user("invalid role or secret ID");
    }
    Map<String, String> meta = new TreeMap<>();
    if (role.bindSecretId) {
      String secretId = f.str("secret_id").trim();
      if (secretId.isEmpty()) {
        throw Fail.user("missing secret_id");
      }
      SecretId s = role.secretIds.get(secretId);
      if (s == null || (s.expiresAt != null && !Instant.now().isBefore(s.expiresAt))) {
        role.secretIds.remove(secretId);
        throw Fail.user("invalid role or secret ID");
      }
      if (s.usesLeft > 0 && --s.usesLeft == 0) {
        role.secretIds.remove(secretId);
      }
      meta.putAll(s.metadata);
    }
    meta.put("role_name", name);
    long ttl = role.tokenTtl > 0 ? role.tokenTtl : Tokens.DEFAULT_TTL;
    if (role.tokenMaxTtl > 0) {
      ttl = Math.min(ttl, role.tokenMaxTtl);
    }
    Tokens.Entry token = state.tokens.create(Tokens.normalize(role.policies, !role.noDefaultPolicy),
        "auth/approle/login", "approle", meta, ttl, true, role.entityId, role.tokenNumUses);
    return Resp.auth(token.authBlock(), "");
  }
}
