package io.lethe.audit.chain;

/** What {@code verify} found, stopping at the first problem. */
public sealed interface VerificationResult {

  /**
   * Every event up to {@code lastSignedSeq} matches the chain and its signed checkpoints;
   * {@code unsignedTail} events after it are chained but not yet covered by a checkpoint.
   */
  record Intact(long events, long lastSignedSeq, long unsignedTail) implements VerificationResult {}

  /** The event at {@code seq} was changed, inserted, or does not match a signed checkpoint. */
  record Broken(long seq, String reason) implements VerificationResult {}

  /** Events {@code from..to} (inclusive) are missing from the index. */
  record Gap(long from, long to) implements VerificationResult {}
}
