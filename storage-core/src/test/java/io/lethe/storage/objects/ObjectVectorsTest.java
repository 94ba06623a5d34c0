package io.lethe.storage.objects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.storage.crypto.SecretBytes;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Object format v1 (ADR 0005) against vectors written independently by
 * {@code vectors/generate_objects.py}: the key wrap in the encrypt direction (its nonce can be
 * fixed), the stream in the decrypt direction (Tink draws salt and nonce prefix itself).
 */
class ObjectVectorsTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void wrap_withVectorNonce_producesExpectedBytes_andUnwrapsToTheObjectKey() throws Exception {
    for (JsonNode v : vectors()) {
      byte[] nonce = hex(v, "wrapNonce");
      ObjectKeyWrap wrap = new ObjectKeyWrap(out -> System.arraycopy(nonce, 0, out, 0, 12));
      SecretBytes subjectKey = SecretBytes.copyOf(hex(v, "subjectKey"));
      SecretBytes objectKey = SecretBytes.copyOf(hex(v, "objectKey"));
      UUID subject = uuid(v, "subjectId");
      UUID object = uuid(v, "objectId");

      assertThat(HEX.formatHex(ObjectFormat.wrapAssociatedData(1, subject, object)))
          .isEqualTo(v.get("wrapAad").asText());
      assertThat(HEX.formatHex(wrap.wrap(subjectKey, subject, object, objectKey)))
          .as(v.get("comment").asText()).isEqualTo(v.get("wrappedKey").asText());
      assertThat(ObjectKeyWrap.create().unwrap(subjectKey, subject, object,
          hex(v, "wrappedKey"))).isEqualTo(objectKey);
    }
  }

  @Test
  void stream_vectorCiphertext_decryptsToThePattern_withTheExpectedLength() throws Exception {
    List<JsonNode> vectors = vectors();
    assertThat(vectors).hasSize(4);
    for (JsonNode v : vectors) {
      byte[] ciphertext = ciphertext(v);
      int length = v.get("plaintextLength").asInt();
      byte[] aad = ObjectFormat.streamAssociatedData(1, uuid(v, "subjectId"), uuid(v, "objectId"));
      var aead = ObjectFormat.streaming(SecretBytes.copyOf(hex(v, "objectKey")));

      assertThat(HEX.formatHex(aad)).isEqualTo(v.get("streamAad").asText());
      assertThat(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(ciphertext)))
          .isEqualTo(v.get("ciphertextSha256").asText());
      assertThat(aead.expectedCiphertextSize(length)).isEqualTo(ciphertext.length);
      try (InputStream in = DecryptingContentStream.open(aead, aad,
          new ByteArrayInputStream(ciphertext), length)) {
        assertThat(in.readAllBytes()).as(v.get("comment").asText()).isEqualTo(pattern(length));
      }
    }
  }

  static byte[] pattern(int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (31 * i + 7);
    }
    return b;
  }

  private byte[] ciphertext(JsonNode v) throws Exception {
    if (v.has("ciphertext")) {
      return hex(v, "ciphertext");
    }
    try (InputStream in = getClass().getResourceAsStream(
        "/vectors/" + v.get("ciphertextFile").asText())) {
      return in.readAllBytes();
    }
  }

  private List<JsonNode> vectors() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/vectors/object-v1.json")) {
      List<JsonNode> out = new ArrayList<>();
      new ObjectMapper().readTree(in).get("vectors").forEach(out::add);
      return out;
    }
  }

  private static byte[] hex(JsonNode v, String name) {
    return HEX.parseHex(v.get(name).asText());
  }

  private static UUID uuid(JsonNode v, String name) {
    return UUID.fromString(v.get(name).asText());
  }
}
