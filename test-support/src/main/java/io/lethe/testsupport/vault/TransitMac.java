package io.lethe.testsupport.vault;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** transit hmac, verify (HMAC flavour), hash and random, plus sys/tools/random which shares it. */
final class TransitMac {

  private static final int MAX_RANDOM_BYTES = 128 * 1024;

  private final TransitBackend transit;

  TransitMac(TransitBackend transit) {
    this.transit = transit;
  }

  static Fields.Schema hmacSchema() {
    return new Fields.Schema().str("input").strDefault("algorithm", "sha2-256").integer("key_version")
        .slice("batch_input");
  }

  static Fields.Schema verifySchema() {
    return new Fields.Schema().str("input", "hmac", "signature", "context", "signature_algorithm",
            "marshaling_algorithm", "salt_length")
        .strDefault("hash_algorithm", "sha2-256").str("algorithm").bool("prehashed").slice("batch_input");
  }

  static Fields.Schema hashSchema() {
    return new Fields.Schema().str("input").strDefault("format", "hex").strDefault("algorithm", "sha2-256");
  }

  static Fields.Schema randomSchema() {
    return new Fields.Schema().integer("bytes", 32).strDefault("format", "base64").strDefault("source", "platform");
  }

  private TransitKey key(Fields f) {
    TransitKey key = transit.keys.get(f.str("name"));
    if (key == null) {
      throw Fail.user("encryption key not found");
    }
    return key;
  }

  private static String jcaMac(String algorithm) {
    String jca = TransitCrypto.HMAC_ALGORITHMS.get(algorithm);
    if (jca == null) {
      // Vault formats the zero HashType with %q, which prints as a quoted NUL rune.
      throw Fail.user("unsupported algorithm '\\x00'");
    }
    return jca;
  }

  Resp hmac(Req req, Fields f) {
    String algorithm = f.present("urlalgorithm") ? f.str("urlalgorithm") : f.str("algorithm");
    TransitKey key = key(f);
    int ver = f.integer("key_version");
    if (ver == 0) {
      ver = key.latestVersion;
    } else if (ver != key.latestVersion && key.minEncryptionVersion > 0 && ver < key.minEncryptionVersion) {
      throw Fail.user("cannot generate HMAC: version is too old (disallowed by policy)");
    }
    byte[] macKey;
    try {
      macKey = key.hmacKey(ver);
    } catch (TransitKey.KeyError e) {
      throw Fail.user(e.getMessage());
    }
    String jca = jcaMac(algorithm);
    boolean batch = f.present("batch_input");
    List<Object> inputs = new ArrayList<>();
    if (batch) {
      inputs.addAll(f.slice("batch_input"));
      if (inputs.isEmpty()) {
        throw Fail.user("missing batch input to process");
      }
    } else {
      if (!f.present("input")) {
        throw Fail.user("missing input for HMAC");
      }
      inputs.add(Map.of("input", f.str("input")));
    }
    List<Object> results = new ArrayList<>();
    for (Object raw : inputs) {
      Map<?, ?> item = raw instanceof Map<?, ?> m ? m : Map.of();
      GoJson.Struct r = new GoJson.Struct();
      Object input = item.get("input");
      if (input == null) {
        r.with("error", "missing input for HMAC");
      } else {
        try {
          byte[] mac = TransitCrypto.hmac(jca, macKey, GoBase64.decode(String.valueOf(input)));
          r.with("hmac", "vault:v" + ver + ":" + GoBase64.encode(mac));
        } catch (GoBase64.CorruptInput e) {
          r.with("error", "unable to decode input as base64: " + e.getMessage());
        }
      }
      Object reference = item.get("reference");
      results.add(r.with("reference", reference == null ? "" : String.valueOf(reference)));
    }
    if (!batch) {
      GoJson.Struct only = (GoJson.Struct) results.get(0);
      if (only.containsKey("error")) {
        throw Fail.user((String) only.get("error"));
      }
      return Resp.data(new TreeMap<>(Map.of("hmac", only.get("hmac"))));
    }
    return Resp.data(new TreeMap<>(Map.of("batch_results", results)));
  }

  Resp verify(Req req, Fields f) {
    boolean batch = f.present("batch_input");
    List<Object> inputs = new ArrayList<>();
    if (batch) {
      inputs.addAll(f.slice("batch_input"));
      if (inputs.isEmpty()) {
        throw Fail.user("missing batch input to process");
      }
      boolean sig = false;
      boolean mac = false;
      boolean missing = false;
      for (Object o : inputs) {
        Map<?, ?> m = o instanceof Map<?, ?> map ? map : Map.of();
        if (m.containsKey("signature")) {
          sig = true;
        } else if (m.containsKey("hmac")) {
          mac = true;
        } else {
          missing = true;
        }
      }
      if (sig && mac) {
        throw Fail.user("elements of batch_input must all provide 'signature' or all provide 'hmac'");
      } else if (missing && sig) {
        throw Fail.user("some elements of batch_input are missing 'signature'");
      } else if (missing && mac) {
        throw Fail.user("some elements of batch_input are missing 'hmac'");
      } else if (missing) {
        throw Fail.user("no batch_input elements have 'signature' or 'hmac'");
      } else if (sig) {
        throw Fail.user("signature verification is not implemented by the Lethe Vault test server");
      }
    } else {
      boolean sig = f.present("signature");
      boolean mac = f.present("hmac");
      if (sig && mac) {
        throw Fail.user("provide one of 'signature' or 'hmac'");
      }
      if (!sig && !mac) {
        throw Fail.user("neither a 'signature' nor an 'hmac' were given to verify");
      }
      if (sig) {
        TransitKey key = key(f);
        throw Fail.user("key type " + key.type + " does not support verification");
      }
      inputs.add(Map.of("input", f.str("input"), "hmac", f.str("hmac")));
    }

    String algorithm = f.present("urlalgorithm") ? f.str("urlalgorithm")
        : f.present("algorithm") ? f.str("algorithm") : f.str("hash_algorithm");
    TransitKey key = key(f);
    String jca = jcaMac(algorithm);
    List<Object> results = new ArrayList<>();
    for (Object raw : inputs) {
      Map<?, ?> item = (Map<?, ?>) raw;
      GoJson.Struct r = new GoJson.Struct();
      String error = null;
      boolean valid = false;
      try {
        valid = verifyOne(key, jca, item);
      } catch (TransitKey.KeyError e) {
        error = e.getMessage();
      }
      if (valid) {
        r.with("valid", true);
      }
      if (error != null) {
        r.with("error", error);
      }
      Object reference = item.get("reference");
      results.add(r.with("reference", reference == null ? "" : String.valueOf(reference)));
    }
    if (!batch) {
      GoJson.Struct only = (GoJson.Struct) results.get(0);
      if (only.containsKey("error")) {
        throw Fail.user((String) only.get("error"));
      }
      return Resp.data(new TreeMap<>(Map.of("valid", only.containsKey("valid"))));
    }
    return Resp.data(new TreeMap<>(Map.of("batch_results", results)));
  }

  private static boolean verifyOne(TransitKey key, String jca, Map<?, ?> item) {
    Object rawInput = item.get("input");
    if (rawInput == null) {
      throw TransitKey.KeyError.user("missing input");
    }
    byte[] input;
    try {
      input = GoBase64.decode(String.valueOf(rawInput));
    } catch (GoBase64.CorruptInput e) {
      throw TransitKey.KeyError.user("unable to decode input as base64: " + e.getMessage());
    }
    Object rawHmac = item.get("hmac");
    if (rawHmac == null) {
      throw TransitKey.KeyError.user("missing hmac");
    }
    String hmac = String.valueOf(rawHmac);
    if (!hmac.startsWith("vault:v")) {
      throw TransitKey.KeyError.user("invalid HMAC to verify: no prefix");
    }
    String rest = hmac.substring("vault:v".length());
    int colon = rest.indexOf(':');
    if (colon < 0) {
      throw TransitKey.KeyError.user("invalid HMAC: wrong number of fields");
    }
    long ver = TransitKey.goAtoi(rest.substring(0, colon), "invalid HMAC: version number could not be decoded");
    byte[] expected;
    try {
      expected = GoBase64.decode(rest.substring(colon + 1));
    } catch (GoBase64.CorruptInput e) {
      throw TransitKey.KeyError.user("unable to decode verification HMAC as base64: " + e.getMessage());
    }
    if (ver > key.latestVersion) {
      throw TransitKey.KeyError.user("invalid HMAC: version is too new");
    }
    if (key.minDecryptionVersion > 0 && ver < key.minDecryptionVersion) {
      throw TransitKey.KeyError.user("cannot verify HMAC: version is too old (disallowed by policy)");
    }
    byte[] actual = TransitCrypto.hmac(jca, key.hmacKey((int) ver), input);
    return MessageDigest.isEqual(actual, expected);
  }

  Resp hash(Req req, Fields f) {
    String algorithm = f.present("urlalgorithm") ? f.str("urlalgorithm") : f.str("algorithm");
    String format = f.str("format");
    byte[] input;
    try {
      input = GoBase64.decode(f.str("input"));
    } catch (GoBase64.CorruptInput e) {
      throw Fail.user("unable to decode input as base64: " + e.getMessage());
    }
    if (!format.equals("hex") && !format.equals("base64")) {
      throw Fail.user("unsupported encoding format " + format + "; must be \"hex\" or \"base64\"");
    }
    String jca = TransitCrypto.DIGESTS.get(algorithm);
    if (jca == null) {
      throw Fail.user("unsupported algorithm " + algorithm);
    }
    byte[] sum = TransitCrypto.digest(jca, input);
    String out = format.equals("hex") ? HexFormat.of().formatHex(sum) : GoBase64.encode(sum);
    return Resp.data(new TreeMap<>(Map.of("sum", out)));
  }

  /** random.HandleRandomAPI: the URL may carry a source, a byte count, or both. */
  static Resp random(VaultState state, Fields f) {
    String source = "platform";
    int bytes;
    Object maybeSource = f.raw("source");
    Object maybeBytes = f.raw("urlbytes");
    if (maybeSource == null || "".equals(maybeSource)) {
      bytes = f.integer("bytes");
    } else if (maybeBytes == null && isSource(String.valueOf(maybeSource))) {
      source = String.valueOf(maybeSource);
      bytes = f.integer("bytes");
    } else if (maybeBytes == null) {
      bytes = atoi(String.valueOf(maybeSource));
    } else {
      source = String.valueOf(maybeSource);
      bytes = atoi(String.valueOf(maybeBytes));
    }
    String format = f.str("format");
    if (bytes < 1) {
      throw Fail.user("\"bytes\" cannot be less than 1");
    }
    if (bytes > MAX_RANDOM_BYTES) {
      throw Fail.user("\"bytes\" should be less than " + MAX_RANDOM_BYTES);
    }
    if (!format.equals("hex") && !format.equals("base64")) {
      throw Fail.user("unsupported encoding format \"" + format + "\"; must be \"hex\" or \"base64\"");
    }
    if (!isSource(source)) {
      throw Fail.user("unsupported entropy source \"" + source + "\"; must be \"platform\" or \"seal\", or \"all\"");
    }
    byte[] random = state.randomBytes(bytes);
    String out = format.equals("hex") ? HexFormat.of().formatHex(random) : GoBase64.encode(random);
    return Resp.data(new TreeMap<>(Map.of("random_bytes", out)));
  }

  private static boolean isSource(String s) {
    return s.equals("platform") || s.equals("seal") || s.equals("all");
  }

  private static int atoi(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw Fail.user("error parsing url-set byte count: strconv.Atoi: parsing \"" + s + "\": invalid syntax");
    }
  }
}
