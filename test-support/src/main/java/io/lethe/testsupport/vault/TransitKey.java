package io.lethe.testsupport.vault;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One transit key ("policy" in keysutil): its versions and configuration, and the encrypt/decrypt
 * rules of policy.go with its exact user-facing error texts.
 */
final class TransitKey {

  enum Type {
    AES128_GCM96("aes128-gcm96", 16, true, true, true, false),
    AES256_GCM96("aes256-gcm96", 32, true, true, true, false),
    CHACHA20_POLY1305("chacha20-poly1305", 32, true, true, true, false),
    HMAC("hmac", 0, false, false, false, false);

    final String wire;
    final int keyBytes;
    final boolean encryption;
    final boolean decryption;
    final boolean derivation;
    final boolean signing;

    Type(String wire, int keyBytes, boolean encryption, boolean decryption, boolean derivation,
        boolean signing) {
      this.wire = wire;
      this.keyBytes = keyBytes;
      this.encryption = encryption;
      this.decryption = decryption;
      this.derivation = derivation;
      this.signing = signing;
    }

    static Type of(String wire) {
      for (Type t : values()) {
        if (t.wire.equals(wire)) {
          return t;
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return wire;
    }
  }

  /** A keysutil.UserError (400) or, when {@code internal}, an InternalError (500). */
  static final class KeyError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean internal;

    KeyError(String message, boolean internal) {
      super(message, null, false, false);
      this.internal = internal;
    }

    static KeyError user(String message) {
      return new KeyError(message, false);
    }
  }

  static final String MISSING_CONTEXT = "missing 'context' for key derivation; the key was created using a "
      + "derived key, which means additional, per-request information must be included in order to "
      + "perform operations with the key";

  /** One key version; {@code hmacKey} is separate random material except for hmac-type keys. */
  record Version(byte[] key, byte[] hmacKey, long creationTime) {}

  final String name;
  final Type type;
  final boolean derived;
  final boolean convergent;
  boolean exportable;
  boolean allowPlaintextBackup;
  boolean deletionAllowed;
  long autoRotatePeriod;
  int keySize;
  int latestVersion;
  int minDecryptionVersion = 1;
  int minEncryptionVersion;
  int minAvailableVersion;
  /** Every version not trimmed away; which of them are usable depends on the minimums. */
  final TreeMap<Integer, Version> versions = new TreeMap<>();

  TransitKey(String name, Type type, boolean derived, boolean convergent) {
    this.name = name;
    this.type = type;
    this.derived = derived;
    this.convergent = convergent;
  }

  void addVersion(byte[] key, byte[] hmacKey) {
    latestVersion++;
    versions.put(latestVersion, new Version(key.clone(), hmacKey == null ? null : hmacKey.clone(),
        System.currentTimeMillis() / 1000));
  }

  /** safeGetKeyEntry: only versions in the live key set (not archived, not trimmed) exist. */
  Version entry(int ver) {
    Version v = ver >= minDecryptionVersion ? versions.get(ver) : null;
    if (v == null) {
      throw KeyError.user("no such key version");
    }
    return v;
  }

  /** formatKeyPolicy's data map (a Go map, so the wire order is alphabetical). */
  Map<String, Object> describe() {
    Map<String, Object> d = new TreeMap<>();
    d.put("name", name);
    d.put("type", type.wire);
    d.put("derived", derived);
    d.put("deletion_allowed", deletionAllowed);
    d.put("min_available_version", minAvailableVersion);
    d.put("min_decryption_version", minDecryptionVersion);
    d.put("min_encryption_version", minEncryptionVersion);
    d.put("latest_version", latestVersion);
    d.put("exportable", exportable);
    d.put("allow_plaintext_backup", allowPlaintextBackup);
    d.put("supports_encryption", type.encryption);
    d.put("supports_decryption", type.decryption);
    d.put("supports_signing", type.signing);
    d.put("supports_derivation", type.derivation);
    d.put("auto_rotate_period", autoRotatePeriod);
    d.put("imported_key", false);
    if (keySize != 0) {
      d.put("key_size", keySize);
    }
    if (derived) {
      d.put("kdf", "hkdf_sha256");
      d.put("convergent_encryption", convergent);
      if (convergent) {
        d.put("convergent_encryption_version", -1);
      }
    }
    Map<String, Object> keys = new TreeMap<>();
    versions.forEach((ver, v) -> {
      if (ver >= minDecryptionVersion) {
        keys.put(Integer.toString(ver), v.creationTime());
      }
    });
    d.put("keys", keys);
    return d;
  }

  private byte[] key(byte[] context, int ver, int numBytes) {
    if (!derived) {
      return entry(ver).key();
    }
    if (!type.derivation) {
      throw KeyError.user("derivation not supported for key type " + type);
    }
    if (ver <= 0 || ver > latestVersion) {
      throw KeyError.user("invalid key version");
    }
    Version v = entry(ver);
    if (context == null || context.length == 0) {
      throw KeyError.user(MISSING_CONTEXT);
    }
    return TransitCrypto.hkdfSha256(v.key(), null, context, numBytes);
  }

  String encrypt(int ver, byte[] context, byte[] nonce, String plaintextB64, byte[] aad,
      Supplier<byte[]> randomNonce) {
    if (!type.encryption) {
      throw KeyError.user("message encryption not supported for key type " + type);
    }
    byte[] plaintext;
    try {
      plaintext = GoBase64.decode(plaintextB64);
    } catch (GoBase64.CorruptInput e) {
      throw KeyError.user(e.getMessage());
    }
    if (ver == 0) {
      ver = latestVersion;
    } else if (ver < 0) {
      throw KeyError.user("requested version for encryption is negative");
    } else if (ver > latestVersion) {
      throw KeyError.user("requested version for encryption is higher than the latest key version");
    } else if (ver < minEncryptionVersion) {
      throw KeyError.user("requested version for encryption is less than the minimum encryption key version");
    }
    // Every convergent key made by a current Vault is convergent version 3.
    if (nonce != null && nonce.length > 0) {
      throw KeyError.user("nonce provided when not allowed");
    }
    int encBytes = type.keyBytes;
    int hmacBytes = convergent ? 32 : 0;
    byte[] key = key(context, ver, encBytes + hmacBytes);
    byte[] encKey = key;
    byte[] iv;
    if (convergent) {
      encKey = Arrays.copyOfRange(key, 0, encBytes);
      byte[] hmacKey = Arrays.copyOfRange(key, encBytes, encBytes + hmacBytes);
      iv = Arrays.copyOf(TransitCrypto.hmac("HmacSHA256", hmacKey, plaintext), TransitCrypto.NONCE_SIZE);
    } else {
      iv = randomNonce.get();
    }
    byte[] sealed = TransitCrypto.seal(type == Type.CHACHA20_POLY1305, encKey, iv, plaintext, aad);
    return "vault:v" + ver + ":" + GoBase64.encode(TransitCrypto.concat(iv, sealed));
  }

  /** Returns base64 plaintext. */
  String decrypt(byte[] context, String value, byte[] aad) {
    if (!type.decryption) {
      throw KeyError.user("message decryption not supported for key type " + type);
    }
    if (!value.startsWith("vault:v")) {
      throw KeyError.user("invalid ciphertext: no prefix");
    }
    String rest = value.substring("vault:v".length());
    int colon = rest.indexOf(':');
    if (colon < 0) {
      throw KeyError.user("invalid ciphertext: wrong number of fields");
    }
    long ver = goAtoi(rest.substring(0, colon), "invalid ciphertext: version number could not be decoded");
    if (ver == 0) {
      ver = 1; // keys once started at zero
    }
    if (ver > latestVersion) {
      throw KeyError.user("invalid ciphertext: version is too new");
    }
    if (minDecryptionVersion > 0 && ver < minDecryptionVersion) {
      throw KeyError.user("ciphertext or signature version is disallowed by policy (too old)");
    }
    byte[] decoded;
    try {
      decoded = GoBase64.decode(rest.substring(colon + 1));
    } catch (GoBase64.CorruptInput e) {
      throw KeyError.user("invalid ciphertext: could not decode base64");
    }
    byte[] encKey = key(context, (int) ver, type.keyBytes);
    if (decoded.length < TransitCrypto.NONCE_SIZE) {
      throw KeyError.user("invalid ciphertext length");
    }
    byte[] iv = Arrays.copyOf(decoded, TransitCrypto.NONCE_SIZE);
    byte[] body = Arrays.copyOfRange(decoded, TransitCrypto.NONCE_SIZE, decoded.length);
    try {
      return GoBase64.encode(TransitCrypto.open(type == Type.CHACHA20_POLY1305, encKey, iv, body, aad));
    } catch (TransitCrypto.AuthFailed e) {
      // A plain Go error, neither UserError nor InternalError; callers decide what it becomes.
      throw new KeyError(e.getMessage(), false);
    }
  }

  /** policy.HMACKey; these are plain Go errors that the HMAC paths turn into 400s. */
  byte[] hmacKey(int ver) {
    if (ver < 0) {
      throw KeyError.user("key version does not exist (cannot be negative)");
    }
    if (ver > latestVersion) {
      throw KeyError.user("key version does not exist; latest key version is " + latestVersion);
    }
    Version v = entry(ver);
    if (type == Type.HMAC) {
      return v.key();
    }
    if (v.hmacKey() == null) {
      throw KeyError.user("no HMAC key exists for that key version");
    }
    return v.hmacKey();
  }

  /** strconv.Atoi on a 64-bit platform. */
  static long goAtoi(String s, String error) {
    if (!s.matches("[+-]?[0-9]+")) {
      throw KeyError.user(error);
    }
    try {
      return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
    } catch (NumberFormatException e) {
      throw KeyError.user(error);
    }
  }
}
