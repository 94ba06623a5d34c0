package io.lethe.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Walks indexed events in chain order against the signed checkpoints and reports the first
 * change, insertion or removal. Pure: the caller streams the documents in.
 *
 * <p>What it proves: an event altered after indexing no longer matches its hash; an event
 * removed leaves a gap in the sequence (or, at the end, stops short of a checkpoint); an event
 * inserted either repeats a sequence number or breaks the link to its successor; and rewriting
 * the whole tail with fresh hashes cannot match a checkpoint signed with a key the index never
 * held.
 */
public final class ChainVerifier {

  private final CheckpointSigner signer;

  public ChainVerifier(CheckpointSigner signer) {
    this.signer = signer;
  }

  /** @param documents indexed events sorted by {@code lethe.chain.seq} ascending */
  public VerificationResult verify(Iterator<JsonNode> documents, List<Checkpoint> checkpoints) {
    return verify(documents, checkpoints, ChainFloor.START);
  }

  /**
   * Verifies from {@code floor}: where the retained trail starts after old indices were dropped
   * for retention. Checkpoints before the floor are ignored. Below the floor only the links the
   * floor records as kept are accepted, each with its recorded hash: any other event there is
   * {@code Broken}, a kept one changed is {@code Broken}, a kept one missing is a {@code Gap}.
   */
  public VerificationResult verify(Iterator<JsonNode> documents, List<Checkpoint> checkpoints,
      ChainFloor floor) {
    NavigableMap<Long, Checkpoint> bySeq = new TreeMap<>();
    for (Checkpoint cp : checkpoints) {
      if (cp.seq() < floor.seq()) {
        continue;
      }
      if (!cp.signedBy(signer)) {
        return new VerificationResult.Broken(cp.seq(), "checkpoint signature does not verify");
      }
      bySeq.put(cp.seq(), cp);
    }
    BelowFloor below = new BelowFloor(floor);
    long expected = floor.seq();
    String prev = floor.prev();
    long lastSigned = 0;
    long events = 0;
    while (documents.hasNext()) {
      JsonNode doc = documents.next();
      JsonNode chain = doc.path("lethe").path("chain");
      long seq = chain.path("seq").asLong(0);
      // A sequence number below 1 is never chained: it falls through to the repeated-number check.
      if (seq >= 1 && seq < floor.seq()) {
        VerificationResult problem = below.check(seq, doc);
        if (problem != null) {
          return problem;
        }
        events++;
        continue;
      }
      VerificationResult missing = below.missingBefore(seq);
      if (missing != null) {
        return missing;
      }
      if (seq < expected) {
        return new VerificationResult.Broken(seq, "a second event claims this sequence number");
      }
      if (seq > expected) {
        return new VerificationResult.Gap(expected, seq - 1);
      }
      if (!prev.equals(chain.path("prev").asText())) {
        return new VerificationResult.Broken(seq, "the link to the previous event is broken");
      }
      String hash = ChainLink.digest(prev, CanonicalJson.of(doc));
      if (!hash.equals(chain.path("hash").asText())) {
        return new VerificationResult.Broken(seq, "the event was changed after it was chained");
      }
      Checkpoint cp = bySeq.get(seq);
      if (cp != null) {
        if (!cp.hash().equals(hash)) {
          return new VerificationResult.Broken(seq, "the chain does not match the signed checkpoint");
        }
        lastSigned = seq;
      }
      prev = hash;
      expected = seq + 1;
      events++;
    }
    VerificationResult missing = below.missingBefore(Long.MAX_VALUE);
    if (missing != null) {
      return missing;
    }
    Long lastCheckpoint = bySeq.isEmpty() ? null : bySeq.lastKey();
    if (lastCheckpoint != null && lastCheckpoint >= expected) {
      return new VerificationResult.Gap(expected, lastCheckpoint);
    }
    long lastSeq = expected - 1;
    return new VerificationResult.Intact(events, lastSigned,
        events == 0 ? 0 : lastSeq - Math.max(lastSigned, floor.seq() - 1));
  }
}
