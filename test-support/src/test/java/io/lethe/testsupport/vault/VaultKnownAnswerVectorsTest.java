package io.lethe.testsupport.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The known-answer vectors of the Vault notes (section 5.5), replayed through the server's HTTP API. */
class VaultKnownAnswerVectorsTest {

  private static JsonNode vectors;
  private static VaultTestServer server;
  private static RawVault vault;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = VaultKnownAnswerVectorsTest.class.getResourceAsStream(
        "/vectors/vault/transit-known-answers.json")) {
      vectors = RawVault.JSON.readTree(in);
    }
    server = VaultTestServer.start();
    vault = new RawVault(server.address(), server.rootToken());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static byte[] b64(String s) {
    return Base64.getDecoder().decode(s);
  }

  private static String body(JsonNode v, String... extra) {
    StringBuilder sb = new StringBuilder("{\"plaintext\":\"").append(v.get("plaintext").asText()).append('"');
    if (v.has("context")) {
      sb.append(",\"context\":\"").append(v.get("context").asText()).append('"');
    }
    if (v.has("associated_data")) {
      sb.append(",\"associated_data\":\"").append(v.get("associated_data").asText()).append('"');
    }
    for (String e : extra) {
      sb.append(',').append(e);
    }
    return sb.append('}').toString();
  }

  @TestFactory
  Stream<DynamicTest> encrypt_withSeededKeyAndNonce_reproducesVectorAndDecryptsBack() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode v : vectors.get("encrypt")) {
      tests.add(DynamicTest.dynamicTest("vector #" + v.get("id").asInt(), () -> {
        String key = "kat-" + v.get("id").asInt();
        boolean derived = v.path("derived").asBoolean(false);
        boolean convergent = v.path("convergent").asBoolean(false);
        server.importKeyMaterial(key, "aes256-gcm96", derived, convergent,
            new byte[][] {b64(vectors.get("key").asText())}, null);
        if (!convergent) {
          server.queueEncryptionNonces(b64(vectors.get("nonce").asText()));
        }
        RawVault.Response enc = vault.post("transit/encrypt/" + key, body(v));
        assertThat(enc.status()).as(enc.body()).isEqualTo(200);
        String ciphertext = enc.data().get("ciphertext").asText();
        assertThat(ciphertext).isEqualTo(v.get("expected").asText());
        assertThat(b64(ciphertext.substring("vault:v1:".length()))).hasSize(v.get("decoded_length").asInt());

        String decryptBody = "{\"ciphertext\":\"" + ciphertext + "\""
            + (v.has("context") ? ",\"context\":\"" + v.get("context").asText() + "\"" : "")
            + (v.has("associated_data") ? ",\"associated_data\":\"" + v.get("associated_data").asText() + "\"" : "")
            + "}";
        RawVault.Response dec = vault.post("transit/decrypt/" + key, decryptBody);
        assertThat(dec.status()).as(dec.body()).isEqualTo(200);
        assertThat(dec.data().get("plaintext").asText()).isEqualTo(v.get("plaintext").asText());
      }));
    }
    return tests.stream();
  }

  @Test
  void hkdf_withVectorKeyAndContext_givesDocumentedDerivedKey() {
    JsonNode v = find("encrypt", 3);
    byte[] derived = TransitCrypto.hkdfSha256(b64(vectors.get("key").asText()), null, b64(v.get("context").asText()), 32);
    assertThat(HexFormat.of().formatHex(derived)).isEqualTo(v.get("derived_key_hex").asText());
  }

  @Test
  void convergentDerivation_givesDocumentedHmacKeyAndNonce_andIsDeterministic() {
    JsonNode v = find("encrypt", 4);
    byte[] okm = TransitCrypto.hkdfSha256(b64(vectors.get("key").asText()), null, b64(v.get("context").asText()), 64);
    byte[] hmacKey = Arrays.copyOfRange(okm, 32, 64);
    assertThat(HexFormat.of().formatHex(hmacKey)).isEqualTo(v.get("hmac_key_hex").asText());
    byte[] nonce = Arrays.copyOf(TransitCrypto.hmac("HmacSHA256", hmacKey, b64(v.get("plaintext").asText())), 12);
    assertThat(HexFormat.of().formatHex(nonce)).isEqualTo(v.get("convergent_nonce_hex").asText());

    server.importKeyMaterial("kat-conv-repeat", "aes256-gcm96", true, true,
        new byte[][] {b64(vectors.get("key").asText())}, null);
    String first = vault.post("transit/encrypt/kat-conv-repeat", body(v)).data().get("ciphertext").asText();
    String second = vault.post("transit/encrypt/kat-conv-repeat", body(v)).data().get("ciphertext").asText();
    assertThat(first).isEqualTo(second).isEqualTo(v.get("expected").asText());
  }

  @TestFactory
  Stream<DynamicTest> hmac_withSeededHmacKey_reproducesVectorAndVerifies() {
    JsonNode v = vectors.get("hmac").get(0);
    server.importKeyMaterial("kat-hmac", "aes256-gcm96", false, false,
        new byte[][] {b64(vectors.get("key").asText())}, new byte[][] {b64(v.get("hmac_key").asText())});
    server.importKeyMaterial("kat-hmac-type", "hmac", b64(v.get("hmac_key").asText()));
    List<DynamicTest> tests = new ArrayList<>();
    v.get("expected").fields().forEachRemaining(e -> {
      for (String key : List.of("kat-hmac", "kat-hmac-type")) {
        tests.add(DynamicTest.dynamicTest(key + " " + e.getKey(), () -> {
          String input = "{\"input\":\"" + v.get("input").asText() + "\"}";
          RawVault.Response r = vault.post("transit/hmac/" + key + "/" + e.getKey(), input);
          assertThat(r.status()).as(r.body()).isEqualTo(200);
          assertThat(r.data().get("hmac").asText()).isEqualTo(e.getValue().asText());
          RawVault.Response verify = vault.post("transit/verify/" + key + "/" + e.getKey(),
              "{\"input\":\"" + v.get("input").asText() + "\",\"hmac\":\"" + e.getValue().asText() + "\"}");
          assertThat(verify.data().get("valid").asBoolean()).isTrue();
        }));
      }
    });
    return tests.stream();
  }

  @Test
  void goBase64_matchesGoErrorOffsets() throws Exception {
    assertThat(GoBase64.decode("aGVs\nbG8=")).isEqualTo("hello".getBytes());
    assertThat(catchMessage("aGVsbG8")).isEqualTo("illegal base64 data at input byte 4");
    assertThat(catchMessage("%%%%")).isEqualTo("illegal base64 data at input byte 0");
    assertThat(catchMessage("aGVsbG8=x")).isEqualTo("illegal base64 data at input byte 8");
    assertThat(catchMessage("a===")).isEqualTo("illegal base64 data at input byte 1");
  }

  private static String catchMessage(String input) {
    try {
      GoBase64.decode(input);
      return null;
    } catch (GoBase64.CorruptInput e) {
      return e.getMessage();
    }
  }

  private static JsonNode find(String group, int id) {
    for (JsonNode v : vectors.get(group)) {
      if (v.get("id").asInt() == id) {
        return v;
      }
    }
    throw new IllegalArgumentException("no vector " + id);
  }
}
