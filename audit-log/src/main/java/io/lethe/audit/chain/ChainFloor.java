package io.lethe.audit.chain;

/**
 * Where the retained chain starts: the first sequence number still kept and the hash it links
 * to. {@link #START} before anything was dropped.
 */
public record ChainFloor(long seq, String prev) {

  public static final ChainFloor START = new ChainFloor(1, ChainLink.GENESIS);

  public ChainFloor {
    if (seq < 1) {
      throw new IllegalArgumentException("sequence numbers start at 1");
    }
    if (prev == null || !prev.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("prev must be 64 lower-case hex digits");
    }
  }
}
