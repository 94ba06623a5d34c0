package io.lethe.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Known answers computed independently with Python (vectors/generate.py). */
class AuditChainVectorsTest {

  private final JsonNode vectors = read();

  @Test
  void canonicalForm_andEveryLinkHash_matchTheVectors() {
    String prev = ChainLink.GENESIS;
    for (JsonNode link : vectors.path("links")) {
      String canonical = CanonicalJson.of(link.path("document"));
      assertThat(canonical).isEqualTo(link.path("canonical").asText());
      ChainLink computed = ChainLink.next(link.path("seq").asLong(), prev, canonical);
      assertThat(computed.hash()).isEqualTo(link.path("hash").asText());
      prev = computed.hash();
    }
  }

  @Test
  void checkpointSignature_matchesTheVector() {
    JsonNode cp = vectors.path("checkpoint");
    HmacCheckpointSigner signer = new HmacCheckpointSigner(cp.path("keyId").asText(),
        HexFormat.of().parseHex(cp.path("keyHex").asText()));
    assertThat(signer.sign(CheckpointSigner.message(cp.path("seq").asLong(), cp.path("hash").asText())))
        .isEqualTo(cp.path("signature").asText());
  }

  private static JsonNode read() {
    try (var in = AuditChainVectorsTest.class.getResourceAsStream("/vectors/audit-chain-v1.json")) {
      return new ObjectMapper().readTree(in);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
