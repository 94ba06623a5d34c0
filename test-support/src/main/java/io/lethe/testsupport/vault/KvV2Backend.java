package io.lethe.testsupport.vault;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** A kv version 2 mount: versioned data, soft delete, destroy, metadata and listing. */
final class KvV2Backend implements Route.Backend {

  private static final int DEFAULT_MAX_VERSIONS = 10;

  static final class Version {
    Object data;
    final Instant created = Instant.now();
    Instant deleted;
    boolean destroyed;

    Map<String, Object> metadata(int version, Map<String, Object> custom) {
      Map<String, Object> m = new TreeMap<>();
      m.put("created_time", rfc3339Nano(created));
      m.put("custom_metadata", custom);
      m.put("deletion_time", deleted == null ? "" : rfc3339Nano(deleted));
      m.put("destroyed", destroyed);
      m.put("version", version);
      return m;
    }
  }

  static final class Secret {
    final TreeMap<Integer, Version> versions = new TreeMap<>();
    int current;
    int maxVersions;
    boolean casRequired;
    String deleteVersionAfter = "0s";
    Map<String, Object> customMetadata;
    final Instant created = Instant.now();
    Instant updated = created;
  }

  private final Map<String, Secret> secrets = new TreeMap<>();
  private final List<Route> routes = new ArrayList<>();

  KvV2Backend() {
    routes.add(Route.of("data/(.+)", new Fields.Schema().map("data", "options").integer("version"), "path")
        .on(Op.READ, this::read)
        .on(Op.UPDATE, this::write)
        .on(Op.CREATE, this::write)
        .on(Op.DELETE, (r, f) -> {
          Secret s = secrets.get(f.str("path"));
          if (s != null && s.versions.containsKey(s.current)) {
            s.versions.get(s.current).deleted = Instant.now();
          }
          return Resp.empty();
        })
        .exists((r, f) -> secrets.containsKey(f.str("path"))));
    for (String action : List.of("delete", "undelete", "destroy")) {
      routes.add(Route.of(action + "/(.+)", new Fields.Schema().slice("versions"), "path")
          .on(Op.UPDATE, (r, f) -> versions(action, f)));
    }
    routes.add(Route.of("metadata/?(.*)", new Fields.Schema().integer("max_versions").bool("cas_required")
            .str("delete_version_after").map("custom_metadata"), "path")
        .on(Op.READ, this::readMetadata)
        .on(Op.LIST, this::list)
        .on(Op.UPDATE, this::writeMetadata)
        .on(Op.CREATE, this::writeMetadata)
        .on(Op.DELETE, (r, f) -> {
          secrets.remove(f.str("path"));
          return Resp.empty();
        }));
    routes.add(Route.of("config", new Fields.Schema().integer("max_versions").bool("cas_required")
            .str("delete_version_after"))
        .on(Op.READ, (r, f) -> {
          Map<String, Object> d = new TreeMap<>();
          d.put("cas_required", false);
          d.put("delete_version_after", "0s");
          d.put("max_versions", 0);
          return Resp.data(d);
        }));
  }

  @Override
  public String type() {
    return "kv";
  }

  @Override
  public List<Route> routes() {
    return routes;
  }

  /** Go's RFC3339Nano: fractional seconds without trailing zeros. */
  static String rfc3339Nano(Instant t) {
    String base = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC).format(t);
    String frac = String.format("%09d", t.getNano()).replaceAll("0+$", "");
    return base + (frac.isEmpty() ? "" : "." + frac) + "Z";
  }

  private Resp read(Req req, Fields f) {
    Secret s = secrets.get(f.str("path"));
    if (s == null) {
      return Resp.notFound();
    }
    int v = f.integer("version") == 0 ? s.current : f.integer("version");
    Version version = s.versions.get(v);
    if (version == null) {
      return Resp.notFound();
    }
    Map<String, Object> data = new TreeMap<>();
    data.put("data", version.deleted != null || version.destroyed ? null : version.data);
    data.put("metadata", version.metadata(v, s.customMetadata));
    Resp resp = Resp.data(data);
    return version.deleted != null || version.destroyed ? Resp.raw(404, resp) : resp;
  }

  private Resp write(Req req, Fields f) {
    if (!f.present("data")) {
      throw Fail.user("no data provided");
    }
    String path = f.str("path");
    Secret s = secrets.get(path);
    Map<String, Object> options = f.present("options") ? f.map("options") : Map.of();
    boolean casGiven = options.containsKey("cas");
    if ((s != null && s.casRequired) && !casGiven) {
      throw Fail.user("check-and-set parameter required for this call");
    }
    if (casGiven) {
      int cas;
      try {
        cas = Fields.toInt(options.get("cas"));
      } catch (IllegalArgumentException e) {
        throw Fail.user("error parsing check-and-set parameter");
      }
      if (cas != (s == null ? 0 : s.current)) {
        throw Fail.user("check-and-set parameter did not match the current version");
      }
    }
    if (s == null) {
      s = new Secret();
      secrets.put(path, s);
    }
    Version v = new Version();
    v.data = f.raw("data");
    s.current++;
    s.versions.put(s.current, v);
    s.updated = v.created;
    int max = s.maxVersions > 0 ? s.maxVersions : DEFAULT_MAX_VERSIONS;
    while (s.versions.size() > max) {
      s.versions.pollFirstEntry();
    }
    Map<String, Object> meta = v.metadata(s.current, s.customMetadata);
    return Resp.data(meta);
  }

  private Resp versions(String action, Fields f) {
    List<Object> versions = f.slice("versions");
    if (versions.isEmpty()) {
      throw Fail.user("no version number provided");
    }
    Secret s = secrets.get(f.str("path"));
    if (s == null) {
      return Resp.empty();
    }
    for (Object o : versions) {
      Version v = s.versions.get(Fields.toInt(o));
      if (v == null) {
        continue;
      }
      switch (action) {
        case "delete" -> v.deleted = v.deleted == null ? Instant.now() : v.deleted;
        case "undelete" -> v.deleted = v.destroyed ? v.deleted : null;
        default -> {
          v.destroyed = true;
          v.data = null;
        }
      }
    }
    return Resp.empty();
  }

  private Resp readMetadata(Req req, Fields f) {
    Secret s = secrets.get(f.str("path"));
    if (s == null) {
      return Resp.notFound();
    }
    Map<String, Object> versions = new TreeMap<>();
    s.versions.forEach((n, v) -> {
      Map<String, Object> m = new TreeMap<>();
      m.put("created_time", rfc3339Nano(v.created));
      m.put("deletion_time", v.deleted == null ? "" : rfc3339Nano(v.deleted));
      m.put("destroyed", v.destroyed);
      versions.put(Integer.toString(n), m);
    });
    Map<String, Object> d = new TreeMap<>();
    d.put("cas_required", s.casRequired);
    d.put("created_time", rfc3339Nano(s.created));
    d.put("current_version", s.current);
    d.put("custom_metadata", s.customMetadata);
    d.put("delete_version_after", s.deleteVersionAfter);
    d.put("max_versions", s.maxVersions);
    d.put("oldest_version", s.versions.isEmpty() ? 0 : s.versions.firstKey() == 1 ? 0 : s.versions.firstKey());
    d.put("updated_time", rfc3339Nano(s.updated));
    d.put("versions", versions);
    return Resp.data(d);
  }

  private Resp writeMetadata(Req req, Fields f) {
    Secret s = secrets.computeIfAbsent(f.str("path"), p -> new Secret());
    if (f.present("max_versions")) {
      s.maxVersions = f.integer("max_versions");
    }
    if (f.present("cas_required")) {
      s.casRequired = f.bool("cas_required");
    }
    if (f.present("delete_version_after")) {
      s.deleteVersionAfter = f.str("delete_version_after");
    }
    if (f.present("custom_metadata")) {
      s.customMetadata = new TreeMap<>(f.map("custom_metadata"));
    }
    s.updated = Instant.now();
    return Resp.empty();
  }

  private Resp list(Req req, Fields f) {
    String prefix = f.str("path");
    TreeSet<String> keys = new TreeSet<>();
    for (String path : secrets.keySet()) {
      if (path.startsWith(prefix)) {
        String rest = path.substring(prefix.length());
        int slash = rest.indexOf('/');
        keys.add(slash < 0 ? rest : rest.substring(0, slash + 1));
      }
    }
    keys.remove("");
    return Resp.data(new TreeMap<>(Map.of("keys", new ArrayList<>(keys))));
  }
}
