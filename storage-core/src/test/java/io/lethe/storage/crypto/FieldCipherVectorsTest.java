package io.lethe.storage.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Field format v1 (ADR 0004) against vectors written independently by vectors/generate.py. */
class FieldCipherVectorsTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void encrypt_withVectorNonce_producesExpectedBytes_andDecryptsBack() throws Exception {
    List<JsonNode> vectors = vectors();
    assertThat(vectors).hasSizeGreaterThanOrEqualTo(4);
    for (JsonNode v : vectors) {
      byte[] nonce = HEX.parseHex(v.get("nonce").asText());
      FieldCipher cipher = new FieldCipher(out -> System.arraycopy(nonce, 0, out, 0, out.length));
      SecretBytes key = SecretBytes.copyOf(HEX.parseHex(v.get("key").asText()));
      FieldContext context = new FieldContext(UUID.fromString(v.get("subjectId").asText()),
          UUID.fromString(v.get("recordId").asText()), v.get("field").asText(),
          v.get("schemaVersion").asInt());
      byte[] plaintext = v.get("plaintext").asText().getBytes(UTF_8);
      byte[] expected = HEX.parseHex(v.get("expected").asText());

      assertThat(HEX.formatHex(cipher.encrypt(key, context, plaintext)))
          .as(v.get("comment").asText()).isEqualTo(HEX.formatHex(expected));
      assertThat(FieldCipher.create().decrypt(key, context, expected)).isEqualTo(plaintext);
    }
  }

  private List<JsonNode> vectors() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/vectors/field-v1.json")) {
      List<JsonNode> out = new ArrayList<>();
      new ObjectMapper().readTree(in).get("vectors").forEach(out::add);
      return out;
    }
  }
}
