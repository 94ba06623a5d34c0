package io.lethe.testsupport.vault;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * transit encrypt, decrypt, rewrap and datakey, including batch_input with Vault's odd mix of
 * whole-request errors, per-item errors and raw-status (400/500/partial code) answers.
 */
final class TransitData {

  /** One decoded batch_input element. */
  static final class Item {
    String plaintext = "";
    String ciphertext = "";
    String context = "";
    String nonce = "";
    String associatedData = "";
    String reference = "";
    int keyVersion;
    byte[] decodedContext;
    byte[] decodedNonce;
    // results
    String outCiphertext;
    int outKeyVersion;
    String outPlaintext = "";
    String error;
  }

  private final TransitBackend transit;

  TransitData(TransitBackend transit) {
    this.transit = transit;
  }

  static Fields.Schema encryptSchema() {
    return new Fields.Schema().str("plaintext", "context", "nonce", "associated_data", "padding_scheme")
        .strDefault("type", "aes256-gcm96").bool("convergent_encryption").integer("key_version")
        .slice("batch_input").integer("partial_failure_response_code");
  }

  static Fields.Schema decryptSchema() {
    return new Fields.Schema().str("ciphertext", "context", "nonce", "associated_data", "padding_scheme")
        .slice("batch_input").integer("partial_failure_response_code");
  }

  static Fields.Schema rewrapSchema() {
    return new Fields.Schema().str("ciphertext", "context", "nonce", "encrypt_padding_scheme",
        "decrypt_padding_scheme").integer("key_version").slice("batch_input");
  }

  static Fields.Schema datakeySchema() {
    return new Fields.Schema().str("context", "nonce", "associated_data").integer("bits", 256)
        .integer("key_version");
  }

  /** decodeBatchRequestItems: a malformed item makes the whole request a 500, not a per-item error. */
  private static List<Item> decodeBatch(List<Object> raw, String required, String requiredError) {
    List<Item> items = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Item item = new Item();
      items.add(item);
      if (!(raw.get(i) instanceof Map<?, ?> m)) {
        errors.add("'[" + i + "]' expected a map, got '" + (raw.get(i) == null ? "invalid" : "string") + "'");
        continue;
      }
      if (!m.containsKey(required)) {
        errors.add("'[" + i + "]." + required + "' " + requiredError);
      }
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String key = String.valueOf(e.getKey());
        Object v = e.getValue();
        try {
          switch (key) {
            case "plaintext" -> item.plaintext = str(v);
            case "ciphertext" -> item.ciphertext = str(v);
            case "context" -> item.context = str(v);
            case "nonce" -> item.nonce = str(v);
            case "associated_data" -> item.associatedData = str(v);
            case "reference" -> item.reference = str(v);
            case "key_version" -> {
              if (!(v instanceof BigInteger)) {
                throw new IllegalArgumentException("expected type 'int'");
              }
              item.keyVersion = Fields.toInt(v);
            }
            default -> { }
          }
        } catch (IllegalArgumentException ex) {
          errors.add("'[" + i + "]." + key + "' " + ex.getMessage() + ", got unconvertible type '"
              + (v == null ? "<nil>" : v.getClass().getSimpleName()) + "'");
        }
      }
    }
    if (!errors.isEmpty()) {
      StringBuilder sb = new StringBuilder("failed to parse batch input: " + errors.size() + " error(s) decoding:\n");
      for (String e : errors) {
        sb.append("\n* ").append(e);
      }
      throw Fail.internal(sb.toString());
    }
    return items;
  }

  private static String str(Object v) {
    if (v instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("expected type 'string'");
  }

  private static void contextRule(List<Item> items) {
    boolean contextSet = !items.get(0).context.isEmpty();
    for (Item item : items) {
      if (item.context.isEmpty() == contextSet) {
        throw Fail.user("context should be set either in all the request blocks or in none");
      }
    }
  }

  private static byte[] b64(String s) throws GoBase64.CorruptInput {
    return s.isEmpty() ? null : GoBase64.decode(s);
  }

  private static byte[] aad(String associatedData) {
    if (associatedData.isEmpty()) {
      return null;
    }
    try {
      return GoBase64.decode(associatedData);
    } catch (GoBase64.CorruptInput e) {
      throw TransitKey.KeyError.user("unable to get associated_data: " + e.getMessage());
    }
  }

  Resp encrypt(Req req, Fields f) {
    String name = f.str("name");
    boolean batch = f.present("batch_input");
    List<Item> items;
    if (batch) {
      items = decodeBatch(f.slice("batch_input"), "plaintext", "missing plaintext to encrypt");
      if (items.isEmpty()) {
        throw Fail.user("missing batch input to process");
      }
    } else {
      if (!f.present("plaintext")) {
        throw Fail.user("missing plaintext to encrypt");
      }
      Item item = new Item();
      item.plaintext = f.str("plaintext");
      item.context = f.str("context");
      item.nonce = f.str("nonce");
      item.keyVersion = f.integer("key_version");
      item.associatedData = f.str("associated_data");
      items = List.of(item);
    }
    boolean contextSet = !items.get(0).context.isEmpty();
    boolean userError = false;
    for (Item item : items) {
      if (item.context.isEmpty() == contextSet) {
        throw Fail.user("context should be set either in all the request blocks or in none");
      }
      try {
        GoBase64.decode(item.plaintext);
        item.decodedContext = b64(item.context);
        item.decodedNonce = b64(item.nonce);
      } catch (GoBase64.CorruptInput e) {
        userError = true;
        item.error = e.getMessage();
      }
    }

    TransitKey key = transit.keys.get(name);
    if (req.op == Op.CREATE) {
      boolean convergent = f.bool("convergent_encryption");
      if (convergent && !contextSet) {
        throw Fail.user("convergent encryption requires derivation to be enabled, so context is required");
      }
      String type = f.str("type");
      switch (type) {
        case "aes128-gcm96", "aes256-gcm96", "chacha20-poly1305" -> { }
        case "ecdsa-p256", "ecdsa-p384", "ecdsa-p521" ->
            throw Fail.user("key type " + type + " not supported for this operation");
        case "rsa-2048", "rsa-3072", "rsa-4096" ->
            throw Fail.user("key type " + type + " is not implemented by the Lethe Vault test server");
        default -> throw Fail.user("unknown key type " + type);
      }
      if (key == null && !transit.disableUpsert) {
        key = transit.create(name, TransitKey.Type.of(type), contextSet, convergent, 0);
      }
    }
    if (key == null) {
      throw Fail.user("encryption key not found");
    }

    boolean internalError = false;
    boolean success = false;
    for (Item item : items) {
      if (item.error != null) {
        continue;
      }
      if (!item.nonce.isEmpty()) {
        userError = true;
        item.error = "provided nonce not allowed for this key";
        continue;
      }
      try {
        item.outCiphertext = key.encrypt(item.keyVersion, item.decodedContext, item.decodedNonce,
            item.plaintext, aad(item.associatedData), transit.state::nonce);
        item.outKeyVersion = item.keyVersion == 0 ? key.latestVersion : item.keyVersion;
        success = true;
      } catch (TransitKey.KeyError e) {
        item.error = e.getMessage();
        if (e.internal) {
          internalError = true;
        } else {
          userError = true;
        }
      }
    }

    if (!batch) {
      Item item = items.get(0);
      if (item.error != null) {
        throw internalError ? Fail.internal(item.error) : Fail.user(item.error);
      }
      Map<String, Object> data = new TreeMap<>();
      data.put("ciphertext", item.outCiphertext);
      data.put("key_version", item.outKeyVersion);
      return Resp.data(data);
    }
    List<Object> results = new ArrayList<>();
    for (Item item : items) {
      GoJson.Struct r = new GoJson.Struct();
      if (item.error == null) {
        r.with("ciphertext", item.outCiphertext).with("key_version", item.outKeyVersion);
      } else {
        r.with("error", item.error);
      }
      results.add(r.with("reference", item.reference));
    }
    return batchResponse(f, results, success, userError, internalError);
  }

  /** batchRequestResponse: failures turn the envelope into a raw-status answer. */
  private static Resp batchResponse(Fields f, List<Object> results, boolean success, boolean userError,
      boolean internalError) {
    Resp resp = Resp.data(new TreeMap<>(Map.of("batch_results", results)));
    if (!userError && !internalError) {
      return resp;
    }
    int code = userError ? 400 : 500;
    if (f.present("partial_failure_response_code") && success) {
      int override = f.integer("partial_failure_response_code");
      if (override < 1 || override > 599) {
        resp.warn("invalid HTTP response code override from partial_failure_response_code, reverting to " + code);
      } else {
        code = override;
      }
    }
    return Resp.raw(code, resp);
  }

  Resp decrypt(Req req, Fields f) {
    boolean batch = f.present("batch_input");
    List<Item> items;
    if (batch) {
      items = decodeBatch(f.slice("batch_input"), "ciphertext", "missing ciphertext to decrypt");
      if (items.isEmpty()) {
        throw Fail.user("missing batch input to process");
      }
    } else {
      Item item = new Item();
      item.ciphertext = f.str("ciphertext");
      if (item.ciphertext.isEmpty()) {
        throw Fail.user("missing ciphertext to decrypt");
      }
      item.context = f.str("context");
      item.nonce = f.str("nonce");
      item.associatedData = f.str("associated_data");
      items = List.of(item);
    }
    boolean userError = prepareForDecrypt(items);
    TransitKey key = transit.keys.get(f.str("name"));
    if (key == null) {
      throw Fail.user("encryption key not found");
    }
    boolean success = false;
    for (Item item : items) {
      if (item.error != null) {
        continue;
      }
      try {
        item.outPlaintext = key.decrypt(item.decodedContext, item.ciphertext, aad(item.associatedData));
        success = true;
      } catch (TransitKey.KeyError e) {
        userError = true;
        item.error = e.getMessage();
      }
    }
    if (!batch) {
      Item item = items.get(0);
      if (item.error != null) {
        throw Fail.user(item.error);
      }
      return Resp.data(new TreeMap<>(Map.of("plaintext", item.outPlaintext)));
    }
    List<Object> results = new ArrayList<>();
    for (Item item : items) {
      GoJson.Struct r = new GoJson.Struct().with("plaintext", item.error == null ? item.outPlaintext : "");
      if (item.error != null) {
        r.with("error", item.error);
      }
      results.add(r.with("reference", item.reference));
    }
    return batchResponse(f, results, success, userError, false);
  }

  /** The pre-key checks shared by decrypt and rewrap; returns whether an item already failed. */
  private static boolean prepareForDecrypt(List<Item> items) {
    contextRule(items);
    boolean userError = false;
    for (Item item : items) {
      if (item.ciphertext.isEmpty()) {
        userError = true;
        item.error = "missing ciphertext to decrypt";
        continue;
      }
      try {
        item.decodedContext = b64(item.context);
        item.decodedNonce = b64(item.nonce);
      } catch (GoBase64.CorruptInput e) {
        userError = true;
        item.error = e.getMessage();
      }
    }
    return userError;
  }

  Resp rewrap(Req req, Fields f) {
    boolean batch = f.present("batch_input");
    List<Item> items;
    if (batch) {
      items = decodeBatch(f.slice("batch_input"), "ciphertext", "missing ciphertext to rewrap");
      if (items.isEmpty()) {
        throw Fail.user("missing batch input to process");
      }
    } else {
      Item item = new Item();
      item.ciphertext = f.str("ciphertext");
      if (item.ciphertext.isEmpty()) {
        throw Fail.user("missing ciphertext to decrypt");
      }
      item.context = f.str("context");
      item.nonce = f.str("nonce");
      item.keyVersion = f.integer("key_version");
      items = List.of(item);
    }
    prepareForDecrypt(items);
    TransitKey key = transit.keys.get(f.str("name"));
    if (key == null) {
      throw Fail.user("encryption key not found");
    }
    for (Item item : items) {
      if (item.error != null) {
        continue;
      }
      try {
        String plaintext = key.decrypt(item.decodedContext, item.ciphertext, null);
        item.outCiphertext = key.encrypt(item.keyVersion, item.decodedContext, item.decodedNonce, plaintext,
            null, transit.state::nonce);
        item.outKeyVersion = item.keyVersion == 0 ? key.latestVersion : item.keyVersion;
      } catch (TransitKey.KeyError e) {
        if (e.internal) {
          throw Fail.internal(e.getMessage());
        }
        item.error = e.getMessage();
      }
    }
    if (!batch) {
      Item item = items.get(0);
      if (item.error != null) {
        throw Fail.user(item.error);
      }
      Map<String, Object> data = new TreeMap<>();
      data.put("ciphertext", item.outCiphertext);
      data.put("key_version", item.outKeyVersion);
      return Resp.data(data);
    }
    // Rewrap never turns per-item failures into a non-200 status.
    List<Object> results = new ArrayList<>();
    for (Item item : items) {
      GoJson.Struct r = new GoJson.Struct();
      if (item.error == null) {
        r.with("ciphertext", item.outCiphertext).with("key_version", item.outKeyVersion);
      } else {
        r.with("error", item.error);
      }
      results.add(r.with("reference", item.reference));
    }
    return Resp.data(new TreeMap<>(Map.of("batch_results", results)));
  }

  Resp datakey(Req req, Fields f) {
    boolean plaintextAllowed;
    switch (f.str("plaintext")) {
      case "plaintext" -> plaintextAllowed = true;
      case "wrapped" -> plaintextAllowed = false;
      default -> throw Fail.user("Invalid path, must be 'plaintext' or 'wrapped'");
    }
    byte[] context;
    byte[] nonce;
    try {
      context = b64(f.str("context"));
    } catch (GoBase64.CorruptInput e) {
      throw Fail.user("failed to base64-decode context");
    }
    try {
      nonce = b64(f.str("nonce"));
    } catch (GoBase64.CorruptInput e) {
      throw Fail.user("failed to base64-decode nonce");
    }
    TransitKey key = transit.keys.get(f.str("name"));
    if (key == null) {
      throw Fail.user("encryption key not found");
    }
    int bits = f.integer("bits");
    if (bits != 128 && bits != 256 && bits != 512) {
      throw Fail.user("invalid bit length");
    }
    byte[] dataKey = transit.state.randomBytes(bits / 8);
    int ver = f.integer("key_version");
    String ciphertext;
    try {
      ciphertext = key.encrypt(ver, context, nonce, GoBase64.encode(dataKey), aad(f.str("associated_data")),
          transit.state::nonce);
    } catch (TransitKey.KeyError e) {
      throw e.internal ? Fail.internal(e.getMessage()) : Fail.user(e.getMessage());
    }
    Map<String, Object> data = new TreeMap<>();
    data.put("ciphertext", ciphertext);
    data.put("key_version", ver == 0 ? key.latestVersion : ver);
    if (plaintextAllowed) {
      data.put("plaintext", GoBase64.encode(dataKey));
    }
    return Resp.data(data);
  }
}

