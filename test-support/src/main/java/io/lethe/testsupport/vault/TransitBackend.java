package io.lethe.testsupport.vault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The transit engine at one mount: its routes and key lifecycle (create, read, config, rotate, trim, delete, export). */
final class TransitBackend implements Route.Backend {

  private static final String NAME = Route.NAME;
  /** Types Vault CE accepts that this fake does not implement (asymmetric keys). */
  private static final Set<String> KNOWN_UNIMPLEMENTED = Set.of("ecdsa-p256", "ecdsa-p384", "ecdsa-p521",
      "ed25519", "rsa-2048", "rsa-3072", "rsa-4096");

  final VaultState state;
  final Map<String, TransitKey> keys = new TreeMap<>();
  boolean disableUpsert;
  private final List<Route> routes = new ArrayList<>();

  TransitBackend(VaultState state) {
    this.state = state;
    TransitData data = new TransitData(this);
    TransitMac mac = new TransitMac(this);
    Fields.Schema keyFields = new Fields.Schema().strDefault("type", "aes256-gcm96")
        .bool("derived", "convergent_encryption", "exportable", "allow_plaintext_backup")
        .str("context", "managed_key_name", "managed_key_id").duration("auto_rotate_period").integer("key_size");
    routes.add(Route.of("keys/?", new Fields.Schema()).on(Op.LIST, (r, f) -> list()));
    routes.add(Route.of("keys/" + NAME, keyFields, "name")
        .on(Op.READ, (r, f) -> read(f.str("name")))
        .on(Op.UPDATE, this::createKey)
        .on(Op.DELETE, this::deleteKey));
    routes.add(Route.of("keys/" + NAME + "/config", new Fields.Schema()
            .integer("min_decryption_version", "min_encryption_version")
            .bool("deletion_allowed", "exportable", "allow_plaintext_backup").duration("auto_rotate_period"), "name")
        .on(Op.UPDATE, this::config));
    routes.add(Route.of("keys/" + NAME + "/rotate", new Fields.Schema().str("managed_key_name", "managed_key_id"),
            "name")
        .on(Op.UPDATE, this::rotate));
    routes.add(Route.of("keys/" + NAME + "/trim", new Fields.Schema().integer("min_available_version"), "name")
        .on(Op.UPDATE, this::trim));
    routes.add(Route.of("encrypt/" + NAME, TransitData.encryptSchema(), "name")
        .on(Op.UPDATE, data::encrypt)
        .on(Op.CREATE, data::encrypt)
        .exists((r, f) -> keys.containsKey(f.str("name"))));
    routes.add(Route.of("decrypt/" + NAME, TransitData.decryptSchema(), "name").on(Op.UPDATE, data::decrypt));
    routes.add(Route.of("rewrap/" + NAME, TransitData.rewrapSchema(), "name").on(Op.UPDATE, data::rewrap));
    routes.add(Route.of("datakey/" + NAME + "/" + NAME, TransitData.datakeySchema(), "plaintext", "name")
        .on(Op.UPDATE, data::datakey));
    routes.add(Route.of("hmac/" + NAME + "(?:/(.+))?", TransitMac.hmacSchema(), "name", "urlalgorithm")
        .on(Op.UPDATE, mac::hmac));
    routes.add(Route.of("verify/" + NAME + "(?:/(.+))?", TransitMac.verifySchema(), "name", "urlalgorithm")
        .on(Op.UPDATE, mac::verify));
    routes.add(Route.of("hash(?:/(.+))?", TransitMac.hashSchema(), "urlalgorithm").on(Op.UPDATE, mac::hash));
    routes.add(Route.of("random(?:/(.+?))?(?:/([^/]+))?", TransitMac.randomSchema(), "source", "urlbytes")
        .on(Op.UPDATE, (r, f) -> TransitMac.random(state, f)));
    routes.add(Route.of("export/" + NAME + "/" + NAME + "(?:/(.+))?", new Fields.Schema(), "type", "name", "version")
        .on(Op.READ, this::export));
    routes.add(Route.of("config/keys", new Fields.Schema().bool("disable_upsert"))
        .on(Op.READ, (r, f) -> upsertConfig())
        .on(Op.UPDATE, (r, f) -> {
          if (f.present("disable_upsert")) {
            disableUpsert = f.bool("disable_upsert");
          }
          return upsertConfig();
        }));
  }

  @Override
  public String type() {
    return "transit";
  }

  @Override
  public List<Route> routes() {
    return routes;
  }

  TransitKey create(String name, TransitKey.Type type, boolean derived, boolean convergent, int keySize) {
    TransitKey key = new TransitKey(name, type, derived, convergent);
    key.keySize = keySize;
    rotateIn(key);
    keys.put(name, key);
    return key;
  }

  private void rotateIn(TransitKey key) {
    if (key.type == TransitKey.Type.HMAC) {
      key.addVersion(state.randomBytes(key.keySize), null);
    } else {
      key.addVersion(state.randomBytes(key.type.keyBytes), state.randomBytes(32));
    }
  }

  private Resp upsertConfig() {
    return Resp.data(new TreeMap<>(Map.of("disable_upsert", disableUpsert)));
  }

  private Resp list() {
    return Resp.data(new TreeMap<>(Map.of("keys", new ArrayList<>(keys.keySet()))));
  }

  private Resp read(String name) {
    TransitKey key = keys.get(name);
    return key == null ? Resp.notFound() : Resp.data(key.describe());
  }

  private Resp createKey(Req req, Fields f) {
    String name = f.str("name");
    boolean derived = f.bool("derived");
    boolean convergent = f.bool("convergent_encryption");
    String typeName = f.str("type");
    int keySize = f.integer("key_size");
    long autoRotate = f.seconds("auto_rotate_period");
    if (autoRotate != 0 && autoRotate < 3600) {
      throw Fail.user("auto rotate period must be 0 to disable or at least an hour");
    }
    if (!derived && convergent) {
      throw Fail.user("convergent encryption requires derivation to be enabled");
    }
    TransitKey.Type type = TransitKey.Type.of(typeName);
    if (type == null && !KNOWN_UNIMPLEMENTED.contains(typeName)) {
      throw Fail.user("unknown key type " + typeName);
    }
    if (keySize != 0) {
      if (type != TransitKey.Type.HMAC) {
        throw Fail.user("key_size is not valid for algorithm " + typeName);
      }
      if (keySize < 32 || keySize > 512) {
        throw Fail.user("invalid key_size " + keySize);
      }
    }
    TransitKey key = keys.get(name);
    if (key == null) {
      if (type == null) {
        throw Fail.user("key type " + typeName + " is not implemented by the Lethe Vault test server");
      }
      if (type == TransitKey.Type.HMAC && (derived || convergent)) {
        throw Fail.internal("key derivation and convergent encryption not supported for keys of type hmac");
      }
      if (type == TransitKey.Type.HMAC && keySize == 0) {
        throw Fail.internal("invalid key size for HMAC key, must be between 32 and 512 bytes");
      }
      key = new TransitKey(name, type, derived, convergent);
      key.keySize = keySize;
      key.exportable = f.bool("exportable");
      key.allowPlaintextBackup = f.bool("allow_plaintext_backup");
      key.autoRotatePeriod = autoRotate;
      rotateIn(key);
      keys.put(name, key);
    }
    return Resp.data(key.describe());
  }

  private Resp deleteKey(Req req, Fields f) {
    String name = f.str("name");
    TransitKey key = keys.get(name);
    if (key == null) {
      throw Fail.user("error deleting policy " + name + ": could not delete key; not found");
    }
    if (!key.deletionAllowed) {
      throw Fail.user("error deleting policy " + name + ": deletion is not allowed for this key");
    }
    keys.remove(name);
    return Resp.empty();
  }

  private Resp config(Req req, Fields f) {
    String name = f.str("name");
    TransitKey key = keys.get(name);
    if (key == null) {
      throw Fail.user("no existing key named " + name + " could be found");
    }
    int origMinDec = key.minDecryptionVersion;
    int origMinEnc = key.minEncryptionVersion;
    boolean origDeletion = key.deletionAllowed;
    boolean origExportable = key.exportable;
    boolean origBackup = key.allowPlaintextBackup;
    long origRotate = key.autoRotatePeriod;
    try {
      return applyConfig(key, f);
    } catch (Fail e) {
      key.minDecryptionVersion = origMinDec;
      key.minEncryptionVersion = origMinEnc;
      key.deletionAllowed = origDeletion;
      key.exportable = origExportable;
      key.allowPlaintextBackup = origBackup;
      key.autoRotatePeriod = origRotate;
      throw e;
    }
  }

  private Resp applyConfig(TransitKey key, Fields f) {
    List<String> warnings = new ArrayList<>();
    if (f.present("min_decryption_version")) {
      int minDec = f.integer("min_decryption_version");
      if (minDec < 0) {
        throw Fail.user("min decryption version cannot be negative");
      }
      if (minDec == 0) {
        minDec = 1;
        warnings.add("since Vault 0.3, transit key numbering starts at 1; forcing minimum to 1");
      }
      if (minDec != key.minDecryptionVersion) {
        if (minDec > key.latestVersion) {
          throw Fail.user("cannot set min decryption version of " + minDec + ", latest key version is "
              + key.latestVersion);
        }
        if (minDec < key.minAvailableVersion) {
          throw Fail.internal("minimum available version cannot be greater than minimum decryption version");
        }
        key.minDecryptionVersion = minDec;
      }
    }
    if (f.present("min_encryption_version")) {
      int minEnc = f.integer("min_encryption_version");
      if (minEnc < 0) {
        throw Fail.user("min encryption version cannot be negative");
      }
      if (minEnc != key.minEncryptionVersion && minEnc > key.latestVersion) {
        throw Fail.user("cannot set min encryption version of " + minEnc + ", latest key version is "
            + key.latestVersion);
      }
      key.minEncryptionVersion = minEnc;
    }
    if (key.minEncryptionVersion > 0 && key.minEncryptionVersion < key.minDecryptionVersion) {
      throw Fail.user("cannot set min encryption/decryption values; min encryption version of "
          + key.minEncryptionVersion + " must be greater than or equal to min decryption version of "
          + key.minDecryptionVersion);
    }
    if (f.present("deletion_allowed")) {
      key.deletionAllowed = f.bool("deletion_allowed");
    }
    if (f.present("exportable") && f.bool("exportable")) {
      key.exportable = true; // can only be switched on
    }
    if (f.present("allow_plaintext_backup") && f.bool("allow_plaintext_backup")) {
      key.allowPlaintextBackup = true;
    }
    if (f.present("auto_rotate_period")) {
      long period = f.seconds("auto_rotate_period");
      if (period != 0 && period < 3600) {
        throw Fail.user("auto rotate period must be 0 to disable or at least an hour");
      }
      key.autoRotatePeriod = period;
    }
    Resp resp = Resp.data(key.describe());
    warnings.forEach(resp::warn);
    return resp;
  }

  private Resp rotate(Req req, Fields f) {
    TransitKey key = keys.get(f.str("name"));
    if (key == null) {
      throw Fail.user("key not found");
    }
    rotateIn(key);
    return Resp.data(key.describe());
  }

  private Resp trim(Req req, Fields f) {
    TransitKey key = keys.get(f.str("name"));
    if (key == null) {
      throw Fail.user("invalid key name");
    }
    if (!f.present("min_available_version")) {
      throw Fail.user("missing min_available_version");
    }
    int n = f.integer("min_available_version");
    if (n < key.minAvailableVersion) {
      throw Fail.user("minimum available version cannot be decremented");
    } else if (key.minEncryptionVersion == 0) {
      throw Fail.user("minimum available version cannot be set when minimum encryption version is not set");
    } else if (key.minDecryptionVersion == 0) {
      throw Fail.user("minimum available version cannot be set when minimum decryption version is not set");
    } else if (n > key.minEncryptionVersion) {
      throw Fail.user("minimum available version cannot be greater than minmum encryption version");
    } else if (n > key.minDecryptionVersion) {
      throw Fail.user("minimum available version cannot be greater than minimum decryption version");
    } else if (n < 0) {
      throw Fail.user("minimum available version cannot be negative");
    } else if (n == 0) {
      throw Fail.user("minimum available version should be positive");
    }
    key.minAvailableVersion = n;
    key.versions.headMap(n).clear();
    return Resp.data(key.describe());
  }

  private Resp export(Req req, Fields f) {
    String exportType = f.str("type");
    if (!Set.of("encryption-key", "signing-key", "hmac-key", "public-key", "certificate-chain")
        .contains(exportType)) {
      throw Fail.user("invalid export type: " + exportType);
    }
    TransitKey key = keys.get(f.str("name"));
    if (key == null) {
      return Resp.notFound();
    }
    if (!key.exportable && !exportType.equals("public-key")) {
      throw Fail.user("private key material is not exportable");
    }
    switch (exportType) {
      case "encryption-key" -> {
        if (!key.type.encryption) {
          throw Fail.user("encryption not supported for the key");
        }
      }
      case "signing-key" -> throw Fail.user("signing not supported for the key");
      case "public-key", "certificate-chain" -> throw Fail.user("public key not available for key type " + key.type);
      default -> { }
    }
    Map<String, Object> out = new TreeMap<>();
    String version = f.str("version");
    List<Integer> versions = new ArrayList<>();
    if (version.isEmpty()) {
      key.versions.keySet().stream().filter(v -> v >= key.minDecryptionVersion).forEach(versions::add);
    } else {
      int v;
      if (version.equals("latest")) {
        v = key.latestVersion;
      } else {
        try {
          v = Integer.parseInt(version.startsWith("v") ? version.substring(1) : version);
        } catch (NumberFormatException e) {
          throw Fail.user("invalid key version");
        }
      }
      if (v < key.minDecryptionVersion) {
        throw Fail.user("version for export is below minimum decryption version");
      }
      if (!key.versions.containsKey(v)) {
        throw Fail.user("version does not exist or cannot be found");
      }
      versions.add(v);
    }
    for (int v : versions) {
      byte[] material = exportType.equals("hmac-key") ? key.hmacKey(v) : key.versions.get(v).key();
      out.put(Integer.toString(v), GoBase64.encode(material));
    }
    Map<String, Object> data = new TreeMap<>();
    data.put("name", key.name);
    data.put("type", key.type.wire);
    data.put("keys", out);
    return Resp.data(data);
  }

  /** Test hook: a key whose versions carry the given raw material instead of random bytes. */
  void importKey(String name, TransitKey.Type type, boolean derived, boolean convergent, byte[][] keyVersions,
      byte[][] hmacKeys) {
    TransitKey key = new TransitKey(name, type, derived, convergent);
    for (int i = 0; i < keyVersions.length; i++) {
      byte[] material = keyVersions[i];
      if (type != TransitKey.Type.HMAC && material.length != type.keyBytes) {
        throw new IllegalArgumentException(type + " keys are " + type.keyBytes + " bytes, got " + material.length);
      }
      if (type == TransitKey.Type.HMAC) {
        key.keySize = material.length;
      }
      byte[] hmacKey = type == TransitKey.Type.HMAC ? null
          : hmacKeys != null && i < hmacKeys.length && hmacKeys[i] != null ? hmacKeys[i] : state.randomBytes(32);
      key.addVersion(material, hmacKey);
    }
    keys.put(name, key);
  }
}
