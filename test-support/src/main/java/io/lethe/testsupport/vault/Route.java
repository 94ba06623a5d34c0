package io.lethe.testsupport.vault;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One framework path: an anchored pattern, its fields and a callback per operation. */
final class Route {

  /** framework.GenericNameRegex without the named group (Java group names cannot hold '_'). */
  static final String NAME = "(\\w(?:[\\w.-]*\\w)?)";

  interface Handler {
    Resp handle(Req req, Fields f);
  }

  interface ExistenceCheck {
    boolean exists(Req req, Fields f);
  }

  /** The pieces of a backend: its routes and the mount_type it reports. */
  interface Backend {
    String type();

    List<Route> routes();
  }

  record Match(Route route, Map<String, Object> params) {}

  final Pattern pattern;
  final String[] params;
  final Fields.Schema schema;
  final Map<Op, Handler> handlers = new EnumMap<>(Op.class);
  ExistenceCheck existence;

  private Route(String regex, Fields.Schema schema, String... params) {
    this.pattern = Pattern.compile(regex);
    this.schema = schema;
    this.params = params;
    for (String p : params) {
      if (!schema.types.containsKey(p)) {
        schema.str(p);
      }
    }
  }

  /** Capturing groups of {@code regex} bind, in order, to {@code params}. */
  static Route of(String regex, Fields.Schema schema, String... params) {
    return new Route(regex, schema, params);
  }

  Route on(Op op, Handler handler) {
    handlers.put(op, handler);
    return this;
  }

  /** Upsert paths: the op becomes CREATE when the resource is missing, which ACLs see. */
  Route exists(ExistenceCheck check) {
    this.existence = check;
    return this;
  }

  static Match match(Backend backend, String subPath) {
    for (Route r : backend.routes()) {
      Matcher m = r.pattern.matcher(subPath);
      if (m.matches()) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < r.params.length; i++) {
          String v = m.group(i + 1);
          if (v != null) {
            values.put(r.params[i], v);
          }
        }
        return new Match(r, values);
      }
    }
    return null;
  }

  Fields fields(Req req, Map<String, Object> params) {
    Map<String, Object> raw = new LinkedHashMap<>(req.data);
    raw.putAll(params);
    return new Fields(schema, raw);
  }
}
