package io.lethe.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HmacCheckpointSigner signer = new HmacCheckpointSigner("k1", new byte[32]);
  private final ChainVerifier verifier = new ChainVerifier(signer);
  private List<JsonNode> docs;
  private List<Checkpoint> checkpoints;

  @BeforeEach
  void aChainOfSixEventsWithCheckpointsAtThreeAndSix() {
    docs = new ArrayList<>();
    checkpoints = new ArrayList<>();
    String prev = ChainLink.GENESIS;
    for (int seq = 1; seq <= 6; seq++) {
      ObjectNode doc = JSON.createObjectNode();
      doc.putObject("event").put("action", "record.read").put("id", "e" + seq);
      ObjectNode lethe = doc.putObject("lethe");
      lethe.put("subject_id", "s" + seq);
      ChainLink link = ChainLink.next(seq, prev, CanonicalJson.of(doc));
      lethe.putObject("chain").put("seq", seq).put("prev", link.prev()).put("hash", link.hash());
      docs.add(doc);
      prev = link.hash();
      if (seq % 3 == 0) {
        checkpoints.add(new Checkpoint(seq, link.hash(), Instant.EPOCH, "k1",
            signer.sign(CheckpointSigner.message(seq, link.hash()))));
      }
    }
  }

  @Test
  void untouchedTrail_isIntact() {
    assertThat(verify()).isEqualTo(new VerificationResult.Intact(6, 6, 0));
  }

  @Test
  void aChangedField_isBrokenAtThatEvent() {
    ((ObjectNode) docs.get(3).path("event")).put("action", "record.create");
    assertThat(verify()).isEqualTo(new VerificationResult.Broken(4,
        "the event was changed after it was chained"));
  }

  @Test
  void aRemovedEvent_isAGap() {
    docs.remove(1);
    assertThat(verify()).isEqualTo(new VerificationResult.Gap(2, 2));
  }

  @Test
  void removedEventsAtTheEnd_areAGapUpToTheLastCheckpoint() {
    docs.remove(5);
    docs.remove(4);
    assertThat(verify()).isEqualTo(new VerificationResult.Gap(5, 6));
  }

  @Test
  void anInsertedCopyWithARepeatedSequenceNumber_isBroken() {
    docs.add(2, docs.get(1).deepCopy());
    assertThat(verify()).isInstanceOf(VerificationResult.Broken.class)
        .extracting(r -> ((VerificationResult.Broken) r).seq()).isEqualTo(2L);
  }

  @Test
  void aRewrittenTailWithFreshHashes_doesNotMatchTheSignedCheckpoint() {
    String prev = docs.get(3).path("lethe").path("chain").path("hash").asText();
    for (int i = 4; i < 6; i++) {
      ObjectNode doc = (ObjectNode) docs.get(i);
      ((ObjectNode) doc.path("lethe")).put("subject_id", "forged");
      ChainLink link = ChainLink.next(i + 1, prev, CanonicalJson.of(doc));
      ((ObjectNode) doc.path("lethe").path("chain")).put("prev", link.prev()).put("hash", link.hash());
      prev = link.hash();
    }
    assertThat(verify()).isEqualTo(new VerificationResult.Broken(6,
        "the chain does not match the signed checkpoint"));
  }

  @Test
  void aForgedCheckpoint_isRejected() {
    Checkpoint real = checkpoints.get(0);
    checkpoints.set(0, new Checkpoint(real.seq(), real.hash(), real.createdAt(), "k1", "00".repeat(32)));
    assertThat(verify()).isInstanceOf(VerificationResult.Broken.class);
  }

  @Test
  void eventsAfterTheLastCheckpoint_areReportedAsAnUnsignedTail() {
    checkpoints.remove(1);
    assertThat(verify()).isEqualTo(new VerificationResult.Intact(6, 3, 3));
  }

  // Below the floor: months interleave at a boundary. Events 1, 2 and 4 were in the dropped
  // month, 3 (chained before 4) in the kept one, so the floor is 5 with 3 kept below it.

  @Test
  void anEventKeptBelowTheFloor_isIntact() {
    assertThat(verifyFromFloor(keptBelowFloor())).isEqualTo(new VerificationResult.Intact(3, 6, 0));
  }

  @Test
  void anEventBelowTheFloorThatRetentionDidNotKeep_isBroken() {
    assertThat(verifyFromFloor(new ChainFloor(5, hashAt(4))))
        .isEqualTo(new VerificationResult.Broken(3,
            "an event below the retained chain's floor that retention did not keep"));
  }

  @Test
  void aChangedEventKeptBelowTheFloor_isBrokenAtThatEvent() {
    List<JsonNode> kept = keptDocs();
    ((ObjectNode) kept.get(0).path("event")).put("action", "record.create");
    assertThat(verifier.verify(kept.iterator(), checkpoints, keptBelowFloor()))
        .isEqualTo(new VerificationResult.Broken(3, "the event was changed after it was chained"));
  }

  @Test
  void aChangedAndRehashedEventKeptBelowTheFloor_isBrokenAtThatEvent() {
    List<JsonNode> kept = keptDocs();
    ObjectNode doc = (ObjectNode) kept.get(0);
    ((ObjectNode) doc.path("event")).put("action", "record.create");
    ObjectNode chain = (ObjectNode) doc.path("lethe").path("chain");
    chain.put("hash", ChainLink.next(3, chain.path("prev").asText(), CanonicalJson.of(doc)).hash());
    assertThat(verifier.verify(kept.iterator(), checkpoints, keptBelowFloor()))
        .isEqualTo(new VerificationResult.Broken(3, "the event was changed after it was chained"));
  }

  @Test
  void anEventKeptBelowTheFloorRelinkedToAnotherPrev_isBroken() {
    List<JsonNode> kept = keptDocs();
    ((ObjectNode) kept.get(0).path("lethe").path("chain")).put("prev", hashAt(1));
    assertThat(verifier.verify(kept.iterator(), checkpoints, keptBelowFloor()))
        .isEqualTo(new VerificationResult.Broken(3, "the event was changed after it was chained"));
  }

  @Test
  void aRemovedEventKeptBelowTheFloor_isAGap() {
    List<JsonNode> kept = keptDocs();
    kept.remove(0);
    assertThat(verifier.verify(kept.iterator(), checkpoints, keptBelowFloor()))
        .isEqualTo(new VerificationResult.Gap(3, 3));
  }

  @Test
  void removedKeptEventsWithNothingAboveTheFloor_areAGap() {
    ChainFloor floor = new ChainFloor(7, hashAt(6),
        new TreeMap<>(Map.of(2L, hashAt(2), 3L, hashAt(3))));
    assertThat(verifier.verify(Collections.emptyIterator(), checkpoints, floor))
        .isEqualTo(new VerificationResult.Gap(2, 3));
  }

  @Test
  void aForgedEventBelowTheFloor_isBroken() {
    List<JsonNode> kept = keptDocs();
    kept.add(0, docs.get(1));
    assertThat(verifier.verify(kept.iterator(), checkpoints, keptBelowFloor()))
        .isEqualTo(new VerificationResult.Broken(2,
            "an event below the retained chain's floor that retention did not keep"));
  }

  @Test
  void aSecondEventClaimingAKeptSequenceNumber_isBroken() {
    List<JsonNode> kept = keptDocs();
    kept.add(1, kept.get(0).deepCopy());
    assertThat(verifier.verify(kept.iterator(), checkpoints, keptBelowFloor()))
        .isEqualTo(new VerificationResult.Broken(3, "a second event claims this sequence number"));
  }

  private ChainFloor keptBelowFloor() {
    return new ChainFloor(5, hashAt(4), new TreeMap<>(Map.of(3L, hashAt(3))));
  }

  /** Events 3, 5 and 6: what the index holds after the month of 1, 2 and 4 was dropped. */
  private List<JsonNode> keptDocs() {
    List<JsonNode> kept = new ArrayList<>();
    for (int seq : new int[] {3, 5, 6}) {
      kept.add(docs.get(seq - 1).deepCopy());
    }
    return kept;
  }

  private VerificationResult verifyFromFloor(ChainFloor floor) {
    return verifier.verify(keptDocs().iterator(), checkpoints, floor);
  }

  private String hashAt(int seq) {
    return docs.get(seq - 1).path("lethe").path("chain").path("hash").asText();
  }

  private VerificationResult verify() {
    return verifier.verify(docs.iterator(), checkpoints);
  }
}
