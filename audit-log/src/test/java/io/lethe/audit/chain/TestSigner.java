package io.lethe.audit.chain;

/** A checkpoint signer for tests, under a fixed key. */
public final class TestSigner {
  private TestSigner() {}

  public static CheckpointSigner create() {
    byte[] key = new byte[32];
    key[0] = 7;
    return new HmacCheckpointSigner("test-key", key);
  }
}
