package io.lethe.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Malformed requests from a seeded random source, each built from an endpoint of
 * {@link Endpoints} by one mutation. Ids in paths and bodies are never ids of existing data, so
 * no mutation can turn into a valid write. Every injected string carries a token that a
 * response must not quote back.
 */
final class Fuzzer {

  /** A request to send, what mutated it, and the tokens it injected. */
  record Request(String kind, String method, String path, String contentType, String accept,
      byte[] body, List<String> tokens) {}

  private static final String ID = "{ID}";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] CONTENT_TYPES = {"text/plain", "application/xml",
      "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", null,
      "*/*", "application/octet-stream", "image/*", "no-slash"};

  private final Random random;
  private final List<Endpoints.Endpoint> endpoints = Endpoints.all(ID);
  private List<String> tokens;

  Fuzzer(Random random) {
    this.random = random;
  }

  Request next() {
    tokens = new ArrayList<>();
    Endpoints.Endpoint e = endpoints.get(random.nextInt(endpoints.size()));
    String path = e.path();
    byte[] body = e.body() == null ? null : e.body().replace(ID, UUID.randomUUID().toString())
        .getBytes(StandardCharsets.UTF_8);
    boolean json = e.body() != null && e.body().startsWith("{");
    String contentType = e.body() == null ? null : json ? "application/json" : "image/jpeg";
    List<String> kinds = new ArrayList<>(List.of("path", "method", "accept"));
    if (path.contains(ID)) {
      kinds.addAll(List.of("id", "id", "id"));
    }
    // A job run with a valid body and garbage query values would be a valid run.
    if (path.contains("?") && !path.endsWith("/runs")) {
      kinds.addAll(List.of("query", "query"));
    }
    if (json) {
      kinds.addAll(List.of("json", "wrong-type", "wrong-type", "huge", "utf8", "deep",
          "truncated", "content-type"));
    }
    if (e.body() != null) {
      kinds.add("oversize");
    }
    String kind = kinds.get(random.nextInt(kinds.size()));
    if (kind.equals("oversize") && random.nextInt(20) != 0) {
      kind = "content-type"; // few: each costs megabytes
    }
    String method = e.method();
    String accept = null;
    switch (kind) {
      case "id" -> path = path.replace(ID, garbageId());
      case "query" -> path = garbageQuery(path);
      case "path" -> path = garbagePath(path);
      case "method" -> method = "PUT";
      case "accept" -> accept = random.nextBoolean() ? "application/xml" : "text/html";
      case "json" -> body = bytes(randomJson(0).toString());
      case "wrong-type" -> body = bytes(replaceLeaf(tree(body), wrongType()).toString());
      case "huge" -> body = bytes(replaceLeaf(tree(body), NODES.textNode(huge())).toString());
      case "utf8" -> body = invalidUtf8(body);
      case "deep" -> body = deep();
      case "truncated" -> body = java.util.Arrays.copyOf(body, 1 + random.nextInt(body.length - 1));
      case "content-type" -> contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
      case "oversize" -> body = oversize();
      default -> throw new IllegalStateException(kind);
    }
    path = path.replace(ID, UUID.randomUUID().toString());
    return new Request(kind, method, path, contentType, accept, body, List.copyOf(tokens));
  }

  private String token() {
    String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    StringBuilder t = new StringBuilder("zq");
    for (int i = 0; i < 8; i++) {
      t.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    tokens.add(t.toString());
    return t.toString();
  }

  private String garbageId() {
    String t = token();
    return switch (random.nextInt(12)) {
      case 0 -> "..%2F..%2F..%2Fetc%2Fpasswd" + t;
      case 1 -> "%2e%2e%2f%2e%2e%2f" + t;
      case 2 -> "..;" + t;
      case 3 -> "%00" + t;
      case 4 -> "%ff%fe" + t;
      case 5 -> "%c0%ae%c0%ae%2f" + t;
      case 6 -> t + "%E6%9D%8E%E5%9B%9B";
      case 7 -> t + "a".repeat(2000 + random.nextInt(2000));
      case 8 -> "00000000-0000-0000-0000-0000" + t;
      case 9 -> "%27%20OR%201%3D1%20--" + t;
      case 10 -> "%3Cscript%3E" + t;
      default -> t;
    };
  }

  private String garbageValue() {
    String t = token();
    return switch (random.nextInt(8)) {
      case 0 -> "%ff" + t;
      case 1 -> "-1" + t;
      case 2 -> "99999999999999999999" + t;
      case 3 -> t + "x".repeat(3000);
      case 4 -> "2026-13-45T99:99:99Z" + t;
      case 5 -> "%E6%9D%8E" + t;
      case 6 -> "%00" + t;
      default -> t;
    };
  }

  private String garbageQuery(String path) {
    int q = path.indexOf('?');
    String[] params = path.substring(q + 1).split("&");
    int i = random.nextInt(params.length);
    String name = params[i].substring(0, params[i].indexOf('='));
    params[i] = random.nextInt(4) == 0 ? name : name + "=" + garbageValue();
    return path.substring(0, q + 1) + String.join("&", params)
        + (random.nextBoolean() ? "&limit=" + garbageValue() : "");
  }

  private String garbagePath(String path) {
    int q = path.indexOf('?');
    String bare = q < 0 ? path : path.substring(0, q);
    String query = q < 0 ? "" : path.substring(q);
    return switch (random.nextInt(3)) {
      case 0 -> bare + "/" + garbageId() + query;
      case 1 -> bare.replaceFirst("/v1/", "/v1/" + garbageId() + "/") + query;
      default -> bare + "/..%2F..%2F" + token() + query;
    };
  }

  private JsonNode randomJson(int depth) {
    int pick = random.nextInt(depth >= 4 ? 5 : 7);
    return switch (pick) {
      case 0 -> NODES.textNode(token());
      case 1 -> NODES.numberNode(random.nextLong());
      case 2 -> NODES.booleanNode(random.nextBoolean());
      case 3 -> NODES.nullNode();
      case 4 -> NODES.numberNode(random.nextDouble() * 1e300);
      case 5 -> {
        ArrayNode a = NODES.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          a.add(randomJson(depth + 1));
        }
        yield a;
      }
      default -> {
        ObjectNode o = NODES.objectNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          o.set(token(), randomJson(depth + 1));
        }
        yield o;
      }
    };
  }

  /** An array or object where a scalar belongs: no scalar coercion can make it valid. */
  private JsonNode wrongType() {
    return random.nextBoolean() ? NODES.arrayNode().add(token())
        : NODES.objectNode().put(token(), random.nextInt());
  }

  private String huge() {
    return token() + "界".repeat(100_000 + random.nextInt(200_000));
  }

  private static JsonNode tree(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("an endpoint template is not JSON", e);
    }
  }

  /** Replaces one leaf (string, number, boolean) of the document, chosen at random. */
  private JsonNode replaceLeaf(JsonNode doc, JsonNode replacement) {
    List<Runnable> setters = new ArrayList<>();
    collect(doc, replacement, setters);
    setters.get(random.nextInt(setters.size())).run();
    return doc;
  }

  private static void collect(JsonNode node, JsonNode replacement, List<Runnable> setters) {
    if (node instanceof ObjectNode o) {
      o.properties().forEach(entry -> {
        if (entry.getValue().isContainerNode()) {
          collect(entry.getValue(), replacement, setters);
        } else {
          setters.add(() -> o.set(entry.getKey(), replacement));
        }
      });
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        int index = i;
        if (a.get(i).isContainerNode()) {
          collect(a.get(i), replacement, setters);
        } else {
          setters.add(() -> a.set(index, replacement));
        }
      }
    }
  }

  private byte[] invalidUtf8(byte[] body) {
    String marker = token();
    String text = new String(body, StandardCharsets.UTF_8);
    int quote = text.indexOf(":\"");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bytes(text.substring(0, quote + 2) + marker));
    byte[][] bad = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0,
        (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0xC0, (byte) 0xAF}};
    out.writeBytes(bad[random.nextInt(bad.length)]);
    out.writeBytes(bytes(text.substring(quote + 2)));
    return out.toByteArray();
  }

  private byte[] deep() {
    int depth = 1000 + random.nextInt(100_000);
    String t = token();
    return random.nextBoolean()
        ? bytes("[".repeat(depth) + "\"" + t + "\"" + "]".repeat(depth))
        : bytes("{\"a\":".repeat(depth) + "\"" + t + "\"" + "}".repeat(depth));
  }

  private byte[] oversize() {
    String t = token();
    return bytes("{\"type\":\"" + t + "\",\"fields\":{\"name\":\"" + "x".repeat(12 << 20)
        + "\"}}");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
