package io.lethe.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The canonical form of an audit document (ADR 0007): object keys sorted by UTF-16 code units,
 * no insignificant whitespace, strings escaped as Jackson escapes them, and the
 * {@code lethe.chain} object left out because it is what the hash protects.
 */
public final class CanonicalJson {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private CanonicalJson() {}

  public static String of(String json) {
    try {
      return of(MAPPER.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON", e);
    }
  }

  public static String of(JsonNode document) {
    JsonNode copy = document.deepCopy();
    if (copy.path("lethe") instanceof ObjectNode lethe) {
      lethe.remove("chain");
    }
    return sorted(copy).toString();
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = MAPPER.createObjectNode();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      for (String name : names) {
        out.set(name, sorted(node.get(name)));
      }
      return out;
    }
    if (node.isArray()) {
      var out = MAPPER.createArrayNode();
      node.forEach(element -> out.add(sorted(element)));
      return out;
    }
    return node;
  }
}
