package io.lethe.storage.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.storage.crypto.SecretBytes;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyring format of ADR 0003, checked against a file written by vectors/generate.py. */
class LocalKeyringVectorTest {

  @TempDir
  Path dir;

  @Test
  void knownAnswerKeyring_opensAndUnwrapsToTheExpectedKeys() throws Exception {
    JsonNode vector;
    try (InputStream in = getClass().getResourceAsStream("/vectors/keyring-v1.json")) {
      vector = new ObjectMapper().readTree(in);
    }
    Path file = dir.resolve("keyring-v1.lkr");
    try (InputStream in = getClass().getResourceAsStream("/vectors/keyring-v1.lkr")) {
      Files.copy(in, file);
    }
    KeyProvider keys = KeyProvider.localKeyring(file,
        vector.get("passphrase").asText().toCharArray());
    assertThat(keys.currentVersion()).isEqualTo(vector.get("currentVersion").asInt());
    assertThat(vector.get("wrappedKeys")).hasSize(2);
    for (JsonNode w : vector.get("wrappedKeys")) {
      WrappedKey wrapped = new WrappedKey(w.get("kekId").asText(), w.get("kekVersion").asInt(),
          w.get("ciphertext").asText());
      try (SecretBytes key = keys.unwrap(wrapped);
          SecretBytes expected = SecretBytes.copyOf(
              HexFormat.of().parseHex(w.get("expectedKey").asText()))) {
        assertThat(key).isEqualTo(expected);
      }
    }
  }
}
