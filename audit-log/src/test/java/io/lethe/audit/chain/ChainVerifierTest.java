package io.lethe.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

  private VerificationResult verify() {
    return verifier.verify(docs.iterator(), checkpoints);
  }
}
