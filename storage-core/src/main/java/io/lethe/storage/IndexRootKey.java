package io.lethe.storage;

import io.lethe.storage.crypto.BlindIndexMac;
import io.lethe.storage.crypto.SecretBytes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One unwrapped index root key version and the per-field keys derived from it, kept for the
 * life of the process: there is one per index version, not one per subject, and deriving a field
 * key costs two HMACs that every lookup would otherwise repeat.
 */
final class IndexRootKey {

  private final int version;
  private final int digestBytes;
  private final SecretBytes root;
  private final Map<String, SecretBytes> fieldKeys = new ConcurrentHashMap<>();

  IndexRootKey(int version, int digestBytes, SecretBytes root) {
    this.version = version;
    this.digestBytes = digestBytes;
    this.root = root;
  }

  int version() {
    return version;
  }

  /** The truncated digest of a normalized value of {@code recordType.field}. */
  byte[] digest(String recordType, String field, String normalizedValue) {
    // Length-prefixed, so no (type, field) pair can alias another in the cache.
    String cacheKey = recordType.length() + ":" + recordType + "/" + field;
    SecretBytes fieldKey = fieldKeys.computeIfAbsent(cacheKey,
        k -> BlindIndexMac.fieldKey(root, recordType, field, version));
    return BlindIndexMac.digest(fieldKey, normalizedValue, digestBytes);
  }

  @Override
  public String toString() {
    return "IndexRootKey[version=" + version + ", digestBytes=" + digestBytes + "]";
  }
}
