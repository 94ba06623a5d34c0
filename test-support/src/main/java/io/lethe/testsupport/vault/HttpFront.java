package io.lethe.testsupport.vault;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vault's http package: method to operation, body and query parsing, the seal and token gates
 * (which run before routing), ACLs, mount routing, and the exact response bytes.
 */
final class HttpFront implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
  private static final int MAX_BODY = 32 * 1024 * 1024;
  private static final List<String> SUDO_PREFIXES = List.of("sys/auth/", "sys/seal", "sys/raw/", "sys/rotate");
  private static final Set<String> UNAUTHENTICATED = Set.of("sys/unseal", "sys/init", "sys/leader");

  private final VaultState state;
  private final SysBackend sys;

  HttpFront(VaultState state, SysBackend sys) {
    this.state = state;
    this.sys = sys;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      URI uri = ex.getRequestURI();
      String path = uri.getPath() == null ? "" : uri.getPath();
      if (!path.startsWith("/v1/")) {
        // Go's ServeMux answer for paths outside the API.
        byte[] body = "404 page not found\n".getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.sendResponseHeaders(404, body.length);
        ex.getResponseBody().write(body);
        return;
      }
      byte[] body = readBody(ex.getRequestBody());
      Resp resp;
      try {
        synchronized (state) {
          resp = body == null ? Resp.errors(413, "http: request body too large")
              : process(method, path.substring(4), uri.getRawQuery(), ex.getRequestHeaders(), body);
        }
      } catch (Fail f) {
        resp = f.resp;
      } catch (RuntimeException e) {
        LOG.warn("Vault test server failed on {} {}", method, path, e);
        resp = Resp.internal(String.valueOf(e.getMessage()));
      }
      send(ex, resp, method.equals("HEAD"));
    }
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY + 1);
    return body.length > MAX_BODY ? null : body;
  }

  private Resp process(String method, String path, String rawQuery, Headers headers, byte[] body) {
    Map<String, Object> query = parseQuery(rawQuery);
    Object listParam = query.get("list");
    if (path.equals("sys/health")) {
      return sys.health(method, query);
    }
    if (path.equals("sys/seal-status")) {
      return sys.sealStatus(method);
    }
    query.remove("list");
    Op op;
    Map<String, Object> data;
    switch (method) {
      case "GET" -> {
        op = Op.READ;
        data = query;
        if (listParam instanceof String s && !s.isEmpty()) {
          boolean isList;
          try {
            isList = Fields.toBool(s);
          } catch (IllegalArgumentException e) {
            return Resp.errors(400);
          }
          if (isList) {
            op = Op.LIST;
            path = path.endsWith("/") ? path : path + "/";
            data = new LinkedHashMap<>();
          }
        }
      }
      case "LIST" -> {
        op = Op.LIST;
        path = path.endsWith("/") ? path : path + "/";
        data = query;
      }
      case "POST", "PUT" -> {
        op = Op.UPDATE;
        data = parseBody(headers, body);
      }
      case "PATCH" -> {
        String ct = headers.getFirst("Content-Type");
        if (!"application/merge-patch+json".equals(mime(ct))) {
          return Resp.errors(415, "PATCH requires Content-Type of application/merge-patch+json, got \""
              + (ct == null ? "" : mime(ct)) + "\"");
        }
        op = Op.PATCH;
        data = parseBody(headers, body);
      }
      case "DELETE" -> {
        op = Op.DELETE;
        data = query;
      }
      case "HEAD", "OPTIONS" -> {
        op = Op.HEADER;
        data = query;
      }
      default -> {
        return Resp.errors(405);
      }
    }
    if ((op == Op.UPDATE || op == Op.PATCH) && path.endsWith("/")) {
      return Resp.error("cannot write to a path ending in '/'");
    }
    if (state.sealed && !path.equals("sys/unseal")) {
      return Resp.errors(503, "Vault is sealed");
    }

    Req req = new Req(op, path, data, Tokens.uuid());
    boolean unauthenticated = UNAUTHENTICATED.contains(path) || isLogin(path);
    String token = token(headers);
    if (unauthenticated) {
      req.token = state.tokens.lookup(token);
    } else {
      if (token == null || token.isEmpty()) {
        return Resp.errors(403, "permission denied");
      }
      req.token = state.tokens.lookup(token);
      if (req.token == null) {
        return Resp.errors(403, Resp.multi("permission denied", "invalid token"));
      }
    }

    Mount mount = state.mountFor(path);
    Route.Match match = null;
    if (mount != null) {
      req.mount = mount;
      req.subPath = path.length() >= mount.path.length() ? path.substring(mount.path.length()) : "";
      match = Route.match(mount.backend, req.subPath);
    }
    if (match != null && op == Op.UPDATE && match.route().existence != null
        && !match.route().existence.exists(req, match.route().fields(req, match.params()))) {
      req.op = Op.CREATE;
    }
    if (!unauthenticated && !req.token.root && !permitted(req.token, path, req.op)) {
      return Resp.errors(403, Resp.multi("permission denied"));
    }
    if (mount == null) {
      return Resp.errors(404, "no handler for route \"" + path + "\". route entry not found.");
    }
    if (match == null) {
      return Resp.unsupportedPath();
    }
    Route.Handler handler = match.route().handlers.get(req.op);
    if (handler == null) {
      return Resp.unsupportedOperation();
    }
    Fields fields = match.route().fields(req, match.params());
    fields.validate();
    Resp resp;
    try {
      resp = handler.handle(req, fields);
    } catch (Fail f) {
      resp = f.resp;
    }
    if (resp.kind == Resp.Kind.ENVELOPE) {
      String ignored = fields.ignoredWarning();
      if (ignored != null) {
        resp.warn(ignored);
      }
      if (req.op == Op.LIST && resp.warnings == null && emptyKeys(resp.data)) {
        return Resp.notFound();
      }
      if (resp.mountType == null) {
        resp.mountType = mount.backend.type();
      }
    }
    return resp;
  }

  private boolean isLogin(String path) {
    Mount m = state.mountFor(path);
    return m != null && m.auth && m.type.equals("approle") && path.equals(m.path + "login");
  }

  private boolean permitted(Tokens.Entry token, String path, Op op) {
    Set<String> caps = state.capabilities(token, path);
    if (!caps.contains(op.capability())) {
      return false;
    }
    for (String prefix : SUDO_PREFIXES) {
      if (path.startsWith(prefix) && !caps.contains("sudo")) {
        return false;
      }
    }
    return true;
  }

  private static boolean emptyKeys(Object data) {
    if (!(data instanceof Map<?, ?> map)) {
      return true;
    }
    Object keys = map.get("keys");
    return !(keys instanceof List<?> list) || list.isEmpty();
  }

  /** X-Vault-Token first, else the first "Authorization: Bearer " value. */
  static String token(Headers headers) {
    String t = headers.getFirst("X-Vault-Token");
    if (t != null && !t.isEmpty()) {
      return t;
    }
    List<String> auths = headers.get("Authorization");
    if (auths != null) {
      for (String a : auths) {
        if (a.startsWith("Bearer ")) {
          return a.substring("Bearer ".length()).trim();
        }
      }
    }
    return null;
  }

  private static String mime(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /** JSON whatever the Content-Type says, except a genuine form post. */
  private static Map<String, Object> parseBody(Headers headers, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    String trimmed = text.strip();
    if (mime(headers.getFirst("Content-Type")).equals("application/x-www-form-urlencoded")
        && !trimmed.startsWith("{") && !trimmed.startsWith("[")) {
      return parseQuery(trimmed);
    }
    if (trimmed.isEmpty()) {
      return new LinkedHashMap<>();
    }
    Object parsed;
    try {
      parsed = GoJson.parse(body);
    } catch (IOException e) {
      throw new Fail(Resp.error("error parsing JSON"));
    }
    if (parsed == null) {
      return new LinkedHashMap<>();
    }
    if (!(parsed instanceof Map<?, ?>)) {
      throw new Fail(Resp.error("error parsing JSON"));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) parsed;
    return map;
  }

  /** Vault's parseQuery: a single value stays a string, repeated keys become a list. */
  static Map<String, Object> parseQuery(String raw) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        multi.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    multi.forEach((k, v) -> out.put(k, v.size() == 1 ? v.get(0) : new ArrayList<Object>(v)));
    return out;
  }

  private static void send(HttpExchange ex, Resp resp, boolean head) throws IOException {
    Headers h = ex.getResponseHeaders();
    h.set("Cache-Control", "no-store");
    h.set("Content-Type", "application/json");
    String body = switch (resp.kind) {
      case EMPTY -> null;
      case ERRORS -> GoJson.write(new GoJson.Struct().with("errors", resp.errors)) + "\n";
      case PLAIN -> GoJson.write(resp.plainBody) + "\n";
      case RAW -> GoJson.write(envelope(resp, "")); // json.Marshal: no trailing newline
      case ENVELOPE -> GoJson.write(envelope(resp, resp.mountType)) + "\n";
    };
    if (body == null || head) {
      ex.sendResponseHeaders(resp.status, -1);
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(resp.status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static GoJson.Struct envelope(Resp resp, String mountType) {
    GoJson.Struct e = new GoJson.Struct();
    if (resp.injectTopLevel && resp.data instanceof Map<?, ?> data) {
      new java.util.TreeMap<>(data).forEach((k, v) -> e.put(String.valueOf(k), v));
    }
    return e.with("request_id", Tokens.uuid())
        .with("lease_id", "")
        .with("renewable", false)
        .with("lease_duration", 0)
        .with("data", resp.data)
        .with("wrap_info", null)
        .with("warnings", resp.warnings)
        .with("auth", resp.auth)
        .with("mount_type", mountType == null ? "" : mountType);
  }
}
