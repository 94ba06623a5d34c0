package io.lethe.testsupport.vault;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON the way Vault's Go code writes it. Jackson would reorder, drop the HTML escaping and format
 * numbers differently, and clients of the fake compare bytes, so output is hand-rolled: a
 * {@link Struct} keeps insertion order (a Go struct), every other map is written with sorted keys
 * (a Go map). Parsing goes through Jackson with exact numbers, like Go's {@code UseNumber}.
 */
final class GoJson {

  /** A JSON object whose field order is fixed, as for a Go struct. */
  static final class Struct extends LinkedHashMap<String, Object> {
    Struct with(String key, Object value) {
      put(key, value);
      return this;
    }
  }

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private GoJson() {}

  /** Parses any JSON value into LinkedHashMap / ArrayList / String / BigInteger / BigDecimal / Boolean / null. */
  static Object parse(byte[] json) throws IOException {
    return MAPPER.readValue(json, Object.class);
  }

  static Object parse(String json) throws IOException {
    return MAPPER.readValue(json, Object.class);
  }

  static String write(Object value) {
    StringBuilder out = new StringBuilder(256);
    write(value, out);
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (value instanceof BigDecimal d) {
      out.append(d.toPlainString());
    } else if (value instanceof Integer || value instanceof Long || value instanceof BigInteger
        || value instanceof Short) {
      out.append(value);
    } else if (value instanceof Number n) {
      double d = n.doubleValue();
      out.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
    } else if (value instanceof Struct struct) {
      object(struct, out);
    } else if (value instanceof Map<?, ?> map) {
      object(new TreeMap<>((Map<String, Object>) map), out);
    } else if (value instanceof Collection<?> list) {
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(item, out);
      }
      out.append(']');
    } else if (value instanceof Object[] array) {
      write(List.of(array), out);
    } else {
      throw new IllegalArgumentException("cannot encode " + value.getClass());
    }
  }

  private static void object(Map<String, Object> map, StringBuilder out) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> e : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(e.getKey(), out);
      out.append(':');
      write(e.getValue(), out);
    }
    out.append('}');
  }

  /** Go's encodeState.string with HTML escaping on (the json.Encoder / json.Marshal default). */
  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '<', '>', '&', '\u2028', '\u2029' -> unicode(c, out);
        default -> {
          if (c < 0x20) {
            unicode(c, out);
          } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            out.append("\\ufffd"); // Go replaces invalid UTF-8 with U+FFFD
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void unicode(char c, StringBuilder out) {
    out.append(String.format("\\u%04x", (int) c));
  }

  /** Go's {@code %v} of a decoded JSON value, used in Vault's field-validation messages. */
  static String goV(Object value) {
    if (value == null) {
      return "<nil>";
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder sb = new StringBuilder("map[");
      boolean first = true;
      for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
        if (!first) {
          sb.append(' ');
        }
        first = false;
        sb.append(e.getKey()).append(':').append(goV(e.getValue()));
      }
      return sb.append(']').toString();
    }
    if (value instanceof Collection<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object o : list) {
        parts.add(goV(o));
      }
      return "[" + String.join(" ", parts) + "]";
    }
    return String.valueOf(value);
  }
}
