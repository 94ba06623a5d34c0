package io.lethe.audit.chain;

/**
 * Signs chain heads. Implementations hold their key where Elasticsearch cannot reach it (the
 * server's KeyProvider, or Vault Transit's HMAC), so whoever rewrites the index cannot re-sign.
 *
 * <p>Thread safety: implementations are safe for concurrent use.
 */
public interface CheckpointSigner {

  /** Names the key, so that old checkpoints stay verifiable after the key changes. */
  String keyId();

  /** A signature over {@code message}, as lower-case hex. */
  String sign(byte[] message);

  /** Checks a signature made by the key named {@code keyId}; false for unknown keys. */
  boolean verify(String keyId, byte[] message, String signature);

  /** The signed bytes of a checkpoint: a label, the sequence number and the head hash. */
  static byte[] message(long seq, String hash) {
    return ("lethe-audit-checkpoint:v1:" + seq + ":" + hash)
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
