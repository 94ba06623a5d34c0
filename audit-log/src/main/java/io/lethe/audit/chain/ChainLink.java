package io.lethe.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One link of the audit chain: {@code hash = SHA-256(prev ‖ UTF-8(canonical document))} with
 * {@code prev} the previous link's 32 hash bytes (all zero before the first event).
 */
public record ChainLink(long seq, String prev, String hash) {

  public static final String GENESIS = "0".repeat(64);
  // Compiled once: every link of every shipped batch is checked.
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public ChainLink {
    if (seq < 1) {
      throw new IllegalArgumentException("chain sequence numbers start at 1");
    }
    requireHex(prev, "prev");
    requireHex(hash, "hash");
  }

  /** The link that follows {@code prevHash} for a document in canonical form. */
  public static ChainLink next(long seq, String prevHash, String canonicalDocument) {
    return new ChainLink(seq, prevHash, digest(prevHash, canonicalDocument));
  }

  /** True when {@code canonicalDocument} is what this link's hash was computed over. */
  public boolean matches(String canonicalDocument) {
    return MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
        digest(prev, canonicalDocument).getBytes(StandardCharsets.US_ASCII));
  }

  static String digest(String prevHash, String canonicalDocument) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(HexFormat.of().parseHex(prevHash));
      sha.update(canonicalDocument.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void requireHex(String value, String name) {
    if (value == null || !HEX.matcher(value).matches()) {
      throw new IllegalArgumentException(name + " must be 64 lower-case hex digits");
    }
  }
}
