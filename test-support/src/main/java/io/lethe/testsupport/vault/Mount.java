package io.lethe.testsupport.vault;

import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** A secrets engine or auth method mounted at a path. */
final class Mount {
  /** Full routing path with trailing slash, e.g. "transit/" or "auth/approle/". */
  final String path;
  final String type;
  final boolean auth;
  final String uuid = Tokens.uuid();
  final String accessor;
  final Map<String, Object> options;
  final String description;
  final Route.Backend backend;

  Mount(String path, String type, boolean auth, Map<String, Object> options, String description,
      Route.Backend backend) {
    this.path = path;
    this.type = type;
    this.auth = auth;
    this.options = options;
    this.description = description;
    this.backend = backend;
    byte[] id = new byte[4];
    new java.security.SecureRandom().nextBytes(id);
    this.accessor = (auth ? "auth_" : "") + type + "_" + HexFormat.of().formatHex(id);
  }

  /** The name sys/mounts and sys/auth list it under. */
  String listedPath() {
    return auth ? path.substring("auth/".length()) : path;
  }

  /** One entry of sys/mounts or sys/auth (a Go map: alphabetical). */
  Map<String, Object> entry() {
    Map<String, Object> config = new TreeMap<>();
    config.put("default_lease_ttl", 0);
    config.put("force_no_cache", false);
    config.put("max_lease_ttl", 0);
    if (auth) {
      config.put("token_type", "default-service");
    }
    Map<String, Object> e = new TreeMap<>();
    e.put("accessor", accessor);
    e.put("config", config);
    e.put("deprecation_status", "supported");
    e.put("description", description);
    e.put("external_entropy_access", false);
    e.put("local", false);
    e.put("options", options);
    e.put("plugin_version", "");
    e.put("running_plugin_version", "v" + VaultState.VERSION + "+builtin" + (isCore() ? "" : ".vault"));
    e.put("running_sha256", "");
    e.put("seal_wrap", false);
    e.put("type", type);
    e.put("uuid", uuid);
    return e;
  }

  private boolean isCore() {
    return type.equals("system") || type.equals("token") || type.equals("cubbyhole") || type.equals("identity");
  }
}
