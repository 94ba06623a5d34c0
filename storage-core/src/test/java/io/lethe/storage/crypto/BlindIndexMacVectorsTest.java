package io.lethe.storage.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Blind index v1 (ADR 0006) against vectors written independently by vectors/generate.py. */
class BlindIndexMacVectorsTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void fieldKeyAndDigest_matchTheVectors() throws Exception {
    List<JsonNode> vectors = vectors();
    assertThat(vectors).hasSizeGreaterThanOrEqualTo(6);
    for (JsonNode v : vectors) {
      String comment = v.get("comment").asText();
      try (SecretBytes root = SecretBytes.copyOf(HEX.parseHex(v.get("rootKey").asText()));
          SecretBytes fieldKey = BlindIndexMac.fieldKey(root, v.get("recordType").asText(),
              v.get("field").asText(), v.get("version").asInt())) {
        assertThat(HEX.formatHex(fieldKey.revealCopy())).as(comment)
            .isEqualTo(v.get("fieldKey").asText());
        byte[] digest = BlindIndexMac.digest(fieldKey, v.get("normalizedValue").asText(),
            v.get("digestBytes").asInt());
        assertThat(HEX.formatHex(digest)).as(comment).isEqualTo(v.get("expected").asText());
      }
    }
  }

  @Test
  void sameValue_underAnotherVersionTypeOrField_givesAnUnrelatedDigest() throws Exception {
    List<JsonNode> v = vectors();
    // Vectors 0, 2 and 3: the same mobile number under version 1, version 2, another type.
    assertThat(v.get(0).get("normalizedValue").asText())
        .isEqualTo(v.get(2).get("normalizedValue").asText())
        .isEqualTo(v.get(3).get("normalizedValue").asText());
    assertThat(v.get(0).get("expected").asText())
        .isNotEqualTo(v.get(2).get("expected").asText())
        .isNotEqualTo(v.get(3).get("expected").asText());
  }

  @Test
  void digestLength_outsideEightTo32Bytes_isRefused() {
    try (SecretBytes key = SecretBytes.copyOf(new byte[32])) {
      assertThatThrownBy(() -> BlindIndexMac.digest(key, "13812345678", 7))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> BlindIndexMac.digest(key, "13812345678", 33))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> BlindIndexMac.fieldKey(SecretBytes.copyOf(new byte[16]),
          "account", "mobile", 1)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private List<JsonNode> vectors() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/vectors/blind-index-v1.json")) {
      List<JsonNode> out = new ArrayList<>();
      new ObjectMapper().readTree(in).get("vectors").forEach(out::add);
      return out;
    }
  }
}
