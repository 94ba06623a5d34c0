package io.lethe.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An API key {@code lth_<keyId>_<secret>}: the key id finds the principal without a scan, the
 * secret (32 random bytes) proves possession. Not a record: it must never print its secret.
 */
public final class ApiKey {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PREFIX = "lth_";

  private final String keyId;
  private final String secret;

  private ApiKey(String keyId, String secret) {
    this.keyId = keyId;
    this.secret = secret;
  }

  public static ApiKey generate() {
    byte[] id = new byte[6];
    byte[] secret = new byte[32];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(secret);
    return new ApiKey(HexFormat.of().formatHex(id),
        Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** Parses a presented key; empty if it does not have the shape of one. */
  public static Optional<ApiKey> parse(String presented) {
    if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
      return Optional.empty();
    }
    String[] parts = presented.substring(PREFIX.length()).split("_", 2);
    if (parts.length != 2 || !parts[0].matches("[0-9a-f]{12}")
        || !parts[1].matches("[A-Za-z0-9_-]{43}")) {
      return Optional.empty();
    }
    return Optional.of(new ApiKey(parts[0], parts[1]));
  }

  /**
   * Whether the secret looks drawn at random: 43 random base64url characters almost never repeat
   * so much that fewer than 16 distinct ones remain, whereas typed or patterned secrets do.
   */
  public boolean looksRandom() {
    return secret.chars().distinct().count() >= 16;
  }

  public String keyId() {
    return keyId;
  }

  /** Hex SHA-256 of the secret, the only form that is stored. */
  public String digest() {
    return digest(secret);
  }

  /** Compares this key's secret with a stored digest in constant time. */
  public boolean matches(String storedDigest) {
    return MessageDigest.isEqual(digest().getBytes(StandardCharsets.US_ASCII),
        storedDigest.getBytes(StandardCharsets.US_ASCII));
  }

  /** The full key, to hand to its owner exactly once. */
  public String reveal() {
    return PREFIX + keyId + "_" + secret;
  }

  @Override
  public String toString() {
    return PREFIX + keyId + "_<redacted>";
  }

  private static String digest(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(value.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
