package io.lethe.testsupport.vault;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The sys/ mount: health, seal, mounts, auth methods, ACL policies and tools/random. */
final class SysBackend implements Route.Backend {

  private final VaultState state;
  private final List<Route> routes = new ArrayList<>();

  SysBackend(VaultState state) {
    this.state = state;
    Fields.Schema mountFields = new Fields.Schema()
        .str("type", "description", "plugin_name", "plugin_version")
        .map("config", "options")
        .bool("local", "seal_wrap", "external_entropy_access");
    routes.add(Route.of("mounts/?", new Fields.Schema()).on(Op.READ, (r, f) -> listMounts(false)));
    routes.add(Route.of("mounts/(.+?)/tune", new Fields.Schema()
            .duration("default_lease_ttl", "max_lease_ttl").str("description").map("options"), "path")
        .on(Op.READ, this::readTune)
        .on(Op.UPDATE, (r, f) -> Resp.empty()));
    routes.add(Route.of("mounts/(.+)", mountFields, "path")
        .on(Op.READ, this::readMount)
        .on(Op.UPDATE, this::enableMount)
        .on(Op.DELETE, (r, f) -> disable(normalize(f.str("path")), false)));
    routes.add(Route.of("auth/?", new Fields.Schema()).on(Op.READ, (r, f) -> listMounts(true)));
    routes.add(Route.of("auth/(.+)", mountFields, "path")
        .on(Op.UPDATE, this::enableAuth)
        .on(Op.DELETE, (r, f) -> disable("auth/" + normalize(f.str("path")), true)));
    routes.add(Route.of("policy/?", new Fields.Schema()).on(Op.READ, this::listPolicies)
        .on(Op.LIST, this::listPolicies));
    routes.add(Route.of("policy/(.+)", new Fields.Schema().str("policy", "rules"), "name")
        .on(Op.READ, (r, f) -> readPolicy(f.str("name"), "rules", true))
        .on(Op.UPDATE, (r, f) -> writePolicy(f.str("name"), f.present("policy") ? f.str("policy") : f.str("rules")))
        .on(Op.DELETE, (r, f) -> deletePolicy(f.str("name"))));
    routes.add(Route.of("policies/acl/?", new Fields.Schema()).on(Op.LIST, this::listPolicies));
    routes.add(Route.of("policies/acl/(.+)", new Fields.Schema().str("policy"), "name")
        .on(Op.READ, (r, f) -> readPolicy(f.str("name"), "policy", false))
        .on(Op.UPDATE, (r, f) -> writePolicy(f.str("name"), f.str("policy")))
        .on(Op.DELETE, (r, f) -> deletePolicy(f.str("name"))));
    routes.add(Route.of("tools/random(?:/(.+?))?(?:/([^/]+))?", TransitMac.randomSchema(), "source", "urlbytes")
        .on(Op.UPDATE, (r, f) -> TransitMac.random(state, f)));
    routes.add(Route.of("seal", new Fields.Schema()).on(Op.UPDATE, (r, f) -> {
      state.sealed = true;
      return Resp.empty();
    }));
    routes.add(Route.of("unseal", new Fields.Schema().str("key").bool("reset", "migrate"))
        .on(Op.UPDATE, (r, f) -> {
          if (!f.str("key").isEmpty()) {
            state.sealed = false; // one key share unseals the fake
          }
          return sealStatus("GET");
        }));
    routes.add(Route.of("capabilities-self", new Fields.Schema().strings("paths", "path"))
        .on(Op.UPDATE, this::capabilitiesSelf));
  }

  @Override
  public String type() {
    return "system";
  }

  @Override
  public List<Route> routes() {
    return routes;
  }

  /** GET|HEAD sys/health, answered outside the logical router as Vault does. */
  Resp health(String method, Map<String, Object> query) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return Resp.errors(405);
    }
    int sealedCode;
    int activeCode;
    try {
      activeCode = code(query, "activecode", 200);
      code(query, "standbycode", 429);
      code(query, "drsecondarycode", 472);
      code(query, "performancestandbycode", 473);
      sealedCode = code(query, "sealedcode", 503);
      code(query, "uninitcode", 501);
    } catch (NumberFormatException e) {
      return Resp.errors(400);
    }
    boolean sealed = state.sealed;
    GoJson.Struct body = new GoJson.Struct()
        .with("initialized", true)
        .with("sealed", sealed)
        .with("standby", sealed)
        .with("performance_standby", false)
        .with("replication_performance_mode", "disabled")
        .with("replication_dr_mode", "disabled")
        .with("server_time_utc", Instant.now().getEpochSecond())
        .with("version", VaultState.VERSION)
        .with("enterprise", false);
    if (!sealed) {
      body.with("cluster_name", state.clusterName).with("cluster_id", state.clusterId);
    }
    body.with("echo_duration_ms", 0).with("clock_skew_ms", 0).with("replication_primary_canary_age_ms", 0);
    return Resp.plain(sealed ? sealedCode : activeCode, body);
  }

  private static int code(Map<String, Object> query, String name, int def) {
    Object v = query.get(name);
    return v == null ? def : Integer.parseInt(String.valueOf(v));
  }

  Resp sealStatus(String method) {
    if (!method.equals("GET")) {
      return Resp.errors(405);
    }
    GoJson.Struct body = new GoJson.Struct()
        .with("type", "shamir")
        .with("initialized", true)
        .with("sealed", state.sealed)
        .with("t", 1)
        .with("n", 1)
        .with("progress", 0)
        .with("nonce", "")
        .with("version", VaultState.VERSION)
        .with("build_date", "2024-08-28T00:00:00Z")
        .with("migration", false);
    if (!state.sealed) {
      body.with("cluster_name", state.clusterName).with("cluster_id", state.clusterId);
    }
    body.with("recovery_seal", false).with("storage_type", "inmem");
    return Resp.plain(200, body);
  }

  private Resp listMounts(boolean auth) {
    Map<String, Object> data = new TreeMap<>();
    for (Mount m : state.mounts.values()) {
      if (m.auth == auth) {
        data.put(m.listedPath(), m.entry());
      }
    }
    Resp r = Resp.data(data);
    r.injectTopLevel = true;
    return r;
  }

  private Resp readMount(Req req, Fields f) {
    Mount m = state.mounts.get(normalize(f.str("path")));
    if (m == null) {
      return Resp.error("No secret engine mount at " + normalize(f.str("path")));
    }
    Resp r = Resp.data(m.entry());
    r.injectTopLevel = true;
    return r;
  }

  private Resp readTune(Req req, Fields f) {
    Mount m = state.mounts.get(normalize(f.str("path")));
    if (m == null) {
      return Resp.error("cannot fetch sysview for path \"" + normalize(f.str("path")) + "\"");
    }
    Map<String, Object> data = new TreeMap<>();
    data.put("default_lease_ttl", Tokens.DEFAULT_TTL);
    data.put("max_lease_ttl", Tokens.DEFAULT_TTL);
    data.put("force_no_cache", false);
    data.put("description", m.description);
    if (m.options != null) {
      data.put("options", m.options);
    }
    Resp r = Resp.data(data);
    r.injectTopLevel = true;
    return r;
  }

  static String normalize(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.endsWith("/") ? p : p + "/";
  }

  private Resp enableMount(Req req, Fields f) {
    String path = normalize(f.str("path"));
    String type = f.str("type");
    Map<String, Object> options = f.present("options") ? new TreeMap<>(f.map("options")) : null;
    if (type.equals("kv-v2")) {
      type = "kv";
      options = new TreeMap<>(Map.of("version", "2"));
    }
    conflict(path);
    Route.Backend backend = switch (type) {
      case "transit" -> new TransitBackend(state);
      case "kv" -> {
        String version = options == null ? "1" : String.valueOf(options.getOrDefault("version", "1"));
        if (!version.equals("2")) {
          throw Fail.user("the Lethe Vault test server implements only kv version 2; pass options {\"version\":\"2\"}");
        }
        options.put("version", "2");
        yield new KvV2Backend();
      }
      case "" -> throw Fail.user("backend type must be specified as a string");
      default -> throw Fail.user("plugin not found in the catalog: " + type);
    };
    state.mounts.put(path, new Mount(path, type, false, options, f.str("description"), backend));
    return Resp.empty();
  }

  private Resp enableAuth(Req req, Fields f) {
    String path = "auth/" + normalize(f.str("path"));
    String type = f.str("type");
    conflict(path);
    Route.Backend backend = switch (type) {
      case "approle" -> new AppRoleBackend(state);
      case "token" -> throw Fail.user("token credential backend cannot be instantiated");
      case "" -> throw Fail.user("backend type must be specified as a string");
      default -> throw Fail.user("plugin not found in the catalog: " + type);
    };
    state.mounts.put(path, new Mount(path, type, true, null, f.str("description"), backend));
    return Resp.empty();
  }

  private void conflict(String path) {
    for (Mount m : state.mounts.values()) {
      if (path.startsWith(m.path) || m.path.startsWith(path)) {
        throw Fail.user("path is already in use at " + m.listedPath());
      }
    }
  }

  private Resp disable(String path, boolean auth) {
    Mount m = state.mounts.get(path);
    if (m != null && m.auth == auth) {
      if (m.type.equals("system") || m.type.equals("token") || m.type.equals("cubbyhole")
          || m.type.equals("identity")) {
        throw Fail.user("cannot unmount \"" + m.listedPath() + "\"");
      }
      state.mounts.remove(path);
    }
    return Resp.empty();
  }

  private Resp listPolicies(Req req, Fields f) {
    List<String> names = new ArrayList<>(new TreeSet<>(state.policies.keySet()));
    names.add("root");
    Map<String, Object> data = new TreeMap<>();
    data.put("keys", names);
    if (req.path.startsWith("sys/policy")) {
      data.put("policies", names);
    }
    Resp r = Resp.data(data);
    r.injectTopLevel = req.path.startsWith("sys/policy");
    return r;
  }

  private Resp readPolicy(String name, String field, boolean inject) {
    String text = state.policyText.get(name);
    if (text == null) {
      return Resp.notFound();
    }
    Map<String, Object> data = new TreeMap<>();
    data.put("name", name);
    data.put(field, text);
    Resp r = Resp.data(data);
    r.injectTopLevel = inject;
    return r;
  }

  private Resp writePolicy(String name, String text) {
    if (name.equals("root")) {
      throw Fail.user("cannot update \"root\" policy");
    }
    try {
      state.putPolicy(name, text);
    } catch (IllegalArgumentException e) {
      throw Fail.user(e.getMessage());
    }
    return Resp.empty();
  }

  private Resp deletePolicy(String name) {
    if (name.equals("root") || name.equals("default")) {
      throw Fail.user("cannot delete \"" + name + "\" policy");
    }
    state.policies.remove(name);
    state.policyText.remove(name);
    return Resp.empty();
  }

  private Resp capabilitiesSelf(Req req, Fields f) {
    List<String> paths = new ArrayList<>(f.strings("paths"));
    paths.addAll(f.strings("path"));
    if (paths.isEmpty()) {
      throw Fail.user("paths must be supplied");
    }
    Map<String, Object> data = new LinkedHashMap<>();
    List<String> all = new ArrayList<>();
    for (String p : paths) {
      List<String> caps = req.token.root ? List.of("root")
          : new ArrayList<>(new TreeSet<>(state.capabilities(req.token, p)));
      if (caps.isEmpty()) {
        caps = List.of("deny");
      }
      data.put(p, caps);
      all = caps;
    }
    if (paths.size() == 1) {
      data.put("capabilities", all);
    }
    return Resp.data(new TreeMap<>(data));
  }
}
