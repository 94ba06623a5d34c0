package io.lethe.testsupport.vault;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The framework's FieldData: declared fields with Vault's weak type coercion, defaults, the
 * "Field validation failed" error and the list of parameters the endpoint will ignore.
 */
final class Fields {

  enum Type { STRING, INT, BOOL, DURATION, SLICE, MAP, STRINGS, RAW }

  /** Declared fields of one route, built fluently. */
  static final class Schema {
    final Map<String, Type> types = new LinkedHashMap<>();
    final Map<String, Object> defaults = new LinkedHashMap<>();

    Schema add(String name, Type type, Object def) {
      types.put(name, type);
      if (def != null) {
        defaults.put(name, def);
      }
      return this;
    }

    Schema str(String... names) {
      for (String n : names) {
        add(n, Type.STRING, null);
      }
      return this;
    }

    Schema strDefault(String name, String def) {
      return add(name, Type.STRING, def);
    }

    Schema integer(String... names) {
      for (String n : names) {
        add(n, Type.INT, null);
      }
      return this;
    }

    Schema integer(String name, int def) {
      return add(name, Type.INT, def);
    }

    Schema bool(String... names) {
      for (String n : names) {
        add(n, Type.BOOL, null);
      }
      return this;
    }

    Schema bool(String name, boolean def) {
      return add(name, Type.BOOL, def);
    }

    Schema duration(String... names) {
      for (String n : names) {
        add(n, Type.DURATION, null);
      }
      return this;
    }

    Schema slice(String... names) {
      for (String n : names) {
        add(n, Type.SLICE, null);
      }
      return this;
    }

    Schema map(String... names) {
      for (String n : names) {
        add(n, Type.MAP, null);
      }
      return this;
    }

    Schema strings(String... names) {
      for (String n : names) {
        add(n, Type.STRINGS, null);
      }
      return this;
    }

    Schema raw(String... names) {
      for (String n : names) {
        add(n, Type.RAW, null);
      }
      return this;
    }
  }

  private final Schema schema;
  private final Map<String, Object> raw;

  Fields(Schema schema, Map<String, Object> raw) {
    this.schema = schema;
    this.raw = raw;
  }

  /** Coerces every supplied declared field up front, as the framework does before the handler runs. */
  void validate() {
    for (String name : new TreeSet<>(raw.keySet())) {
      Type type = schema.types.get(name);
      if (type == null) {
        continue;
      }
      try {
        coerce(raw.get(name), type);
      } catch (IllegalArgumentException e) {
        throw Fail.user(String.format("Field validation failed: error converting input %s for field \"%s\": %s",
            GoJson.goV(raw.get(name)), name, e.getMessage()));
      }
    }
  }

  /** The warning Vault adds when a handler that answered with a body was sent unknown fields. */
  String ignoredWarning() {
    List<String> unknown = new ArrayList<>();
    for (String k : new TreeSet<>(raw.keySet())) {
      if (!schema.types.containsKey(k)) {
        unknown.add(k);
      }
    }
    return unknown.isEmpty() ? null
        : "Endpoint ignored these unrecognized parameters: [" + String.join(" ", unknown) + "]";
  }

  boolean present(String name) {
    return raw.containsKey(name);
  }

  Object raw(String name) {
    return raw.get(name);
  }

  private Object get(String name) {
    Type type = schema.types.get(name);
    if (type == null) {
      throw new IllegalStateException("undeclared field " + name);
    }
    Object value = raw.containsKey(name) ? raw.get(name) : schema.defaults.get(name);
    return value == null ? zero(type) : coerce(value, type);
  }

  String str(String name) {
    return (String) get(name);
  }

  int integer(String name) {
    return (Integer) get(name);
  }

  boolean bool(String name) {
    return (Boolean) get(name);
  }

  long seconds(String name) {
    return (Long) get(name);
  }

  @SuppressWarnings("unchecked")
  List<Object> slice(String name) {
    return (List<Object>) get(name);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map(String name) {
    return (Map<String, Object>) get(name);
  }

  @SuppressWarnings("unchecked")
  List<String> strings(String name) {
    return (List<String>) get(name);
  }

  private static Object zero(Type type) {
    return switch (type) {
      case STRING -> "";
      case INT -> 0;
      case BOOL -> false;
      case DURATION -> 0L;
      case SLICE, STRINGS -> Collections.emptyList();
      case MAP -> Collections.emptyMap();
      case RAW -> null;
    };
  }

  static Object coerce(Object v, Type type) {
    return switch (type) {
      case STRING -> toStr(v);
      case INT -> toInt(v);
      case BOOL -> toBool(v);
      case DURATION -> toSeconds(v);
      case SLICE -> {
        if (v instanceof List<?>) {
          yield v;
        }
        throw new IllegalArgumentException("'' source data must be an array or slice, got " + goType(v));
      }
      case MAP -> {
        if (v instanceof Map<?, ?>) {
          yield v;
        }
        throw new IllegalArgumentException("'' expected a map, got '" + goKind(v) + "'");
      }
      case STRINGS -> toStrings(v);
      case RAW -> v;
    };
  }

  static String toStr(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof BigInteger || v instanceof BigDecimal || v instanceof Integer || v instanceof Long) {
      return GoJson.goV(v);
    }
    if (v instanceof Boolean b) {
      return b ? "1" : "0";
    }
    throw new IllegalArgumentException("'' expected type 'string', got unconvertible type '"
        + goType(v) + "', value: '" + GoJson.goV(v) + "'");
  }

  static int toInt(Object v) {
    try {
      if (v instanceof Integer i) {
        return i;
      }
      if (v instanceof BigInteger b) {
        return b.intValueExact();
      }
      if (v instanceof Long l) {
        return Math.toIntExact(l);
      }
      if (v instanceof Boolean b) {
        return b ? 1 : 0;
      }
      if (v instanceof BigDecimal d) {
        throw new IllegalArgumentException("error decoding json.Number into : strconv.ParseInt: parsing \""
            + d.toPlainString() + "\": invalid syntax");
      }
      if (v instanceof String s) {
        if (s.isEmpty()) {
          return 0;
        }
        try {
          return Integer.parseInt(s);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "cannot parse '' as int: strconv.ParseInt: parsing \"" + s + "\": invalid syntax");
        }
      }
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("cannot parse '' as int: value out of range");
    }
    throw new IllegalArgumentException("'' expected type 'int', got unconvertible type '" + goType(v)
        + "', value: '" + GoJson.goV(v) + "'");
  }

  static boolean toBool(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof BigInteger b) {
      return b.signum() != 0;
    }
    if (v instanceof String s) {
      switch (s) {
        case "" , "0", "f", "F", "false", "FALSE", "False":
          return false;
        case "1", "t", "T", "true", "TRUE", "True":
          return true;
        default:
          throw new IllegalArgumentException(
              "cannot parse '' as bool: strconv.ParseBool: parsing \"" + s + "\": invalid syntax");
      }
    }
    throw new IllegalArgumentException("'' expected type 'bool', got unconvertible type '" + goType(v)
        + "', value: '" + GoJson.goV(v) + "'");
  }

  private static final Pattern DURATION_PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|ms|s|m|h|d)");

  /** parseutil.ParseDurationSecond: bare numbers are seconds, otherwise Go durations plus "d". */
  static long toSeconds(Object v) {
    if (v instanceof BigInteger b) {
      return b.longValue();
    }
    if (v instanceof Integer i) {
      return i;
    }
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof BigDecimal d) {
      return d.longValue();
    }
    if (v instanceof String s) {
      if (s.isEmpty()) {
        return 0;
      }
      if (s.matches("[+-]?[0-9]+")) {
        return Long.parseLong(s);
      }
      return parseGoDuration(s) / 1_000_000_000L;
    }
    throw new IllegalArgumentException("could not parse duration from input");
  }

  /** Go's time.ParseDuration (plus days), in nanoseconds. */
  static long parseGoDuration(String s) {
    String body = s;
    boolean negative = false;
    if (body.startsWith("-") || body.startsWith("+")) {
      negative = body.charAt(0) == '-';
      body = body.substring(1);
    }
    if (body.equals("0")) {
      return 0;
    }
    if (body.isEmpty()) {
      throw new IllegalArgumentException("time: invalid duration \"" + s + "\"");
    }
    Matcher m = DURATION_PART.matcher(body);
    int pos = 0;
    double nanos = 0;
    while (pos < body.length()) {
      if (!m.find(pos) || m.start() != pos || m.group(1).isEmpty() || m.group(1).equals(".")) {
        throw new IllegalArgumentException("time: invalid duration \"" + s + "\"");
      }
      double n = Double.parseDouble(m.group(1));
      double unit = switch (m.group(2)) {
        case "ns" -> 1;
        case "us", "µs" -> 1e3;
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m" -> 60e9;
        case "h" -> 3600e9;
        default -> 86400e9;
      };
      nanos += n * unit;
      pos = m.end();
    }
    return (long) (negative ? -nanos : nanos);
  }

  static List<String> toStrings(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> list) {
      for (Object o : list) {
        out.add(toStr(o).trim());
      }
    } else if (v instanceof String s) {
      if (!s.isEmpty()) {
        for (String part : s.split(",")) {
          if (!part.trim().isEmpty()) {
            out.add(part.trim());
          }
        }
      }
    } else {
      out.add(toStr(v));
    }
    return out;
  }

  private static String goType(Object v) {
    if (v == null) {
      return "<nil>";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof Number) {
      return "json.Number";
    }
    if (v instanceof Map<?, ?>) {
      return "map[string]interface {}";
    }
    if (v instanceof List<?>) {
      return "[]interface {}";
    }
    return v.getClass().getSimpleName();
  }

  private static String goKind(Object v) {
    String t = goType(v);
    return t.startsWith("map") ? "map" : t.startsWith("[]") ? "slice" : t;
  }
}
