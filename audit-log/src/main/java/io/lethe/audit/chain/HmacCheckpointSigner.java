package io.lethe.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA-256 checkpoints under a 256-bit key that the caller unwrapped from its KeyProvider. */
public final class HmacCheckpointSigner implements CheckpointSigner {

  private final String keyId;
  private final SecretKeySpec key;

  /** Copies {@code key}; the caller may zero its array afterwards. */
  public HmacCheckpointSigner(String keyId, byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the checkpoint key must be 32 bytes");
    }
    this.keyId = keyId;
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public String sign(byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(message));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  @Override
  public boolean verify(String signedBy, byte[] message, String signature) {
    return keyId.equals(signedBy) && MessageDigest.isEqual(
        sign(message).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "HmacCheckpointSigner[keyId=" + keyId + "]";
  }
}
