package io.lethe.audit.chain;

import java.time.Instant;

/** A signed chain head, as stored apart from the index. */
public record Checkpoint(long seq, String hash, Instant createdAt, String keyId, String signature) {

  public boolean signedBy(CheckpointSigner signer) {
    return signer.verify(keyId, CheckpointSigner.message(seq, hash), signature);
  }
}
