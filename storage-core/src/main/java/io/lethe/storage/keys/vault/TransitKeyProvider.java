package io.lethe.storage.keys.vault;

import io.github.jopenlibs.vault.json.JsonArray;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import io.github.jopenlibs.vault.response.LogicalResponse;
import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.SecretBytes;
import io.lethe.storage.keys.DataKey;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.RewrapOutcome;
import io.lethe.storage.keys.VaultTransitConfig;
import io.lethe.storage.keys.WrappedKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * KEK operations as Transit calls: datakey, decrypt, rewrap (single and batch), rotate, and the
 * key's read and config. The key name is the {@link WrappedKey#kekId()}; Vault's ciphertext
 * {@code vault:v<N>:...} is stored as is.
 */
final class TransitKeyProvider implements KeyProvider {

  private final VaultSession session;
  private final TransitAnswers answers;
  private final String mount;
  private final String key;
  private final String address;

  private TransitKeyProvider(VaultSession session, VaultTransitConfig config) {
    this.session = session;
    this.mount = config.mount();
    this.key = config.keyName();
    this.address = config.address();
    this.answers = new TransitAnswers(config.address(), config.mount(), config.keyName());
  }

  static TransitKeyProvider start(VaultSession session, VaultTransitConfig config) {
    TransitKeyProvider p = new TransitKeyProvider(session, config);
    TransitKeyCheck.ensureKey(session, p.answers, config);
    return p;
  }

  @Override
  public String kekId() {
    return key;
  }

  /** Transit {@code encrypt}: the key travels to Vault once, as on every unwrap's answer. */
  @Override
  public WrappedKey wrap(SecretBytes plaintext) {
    byte[] raw = plaintext.revealCopy();
    String encoded;
    try {
      encoded = Base64.getEncoder().encodeToString(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
    return wrapped(answers.data("wrap a data key",
        send("wrap a data key", "encrypt/" + key, Map.of("plaintext", encoded))));
  }

  @Override
  public DataKey generateDataKey() {
    JsonObject data = answers.data("create a data key",
        send("create a data key", "datakey/plaintext/" + key, Map.of()));
    byte[] raw = Base64.getDecoder().decode(data.getString("plaintext"));
    try {
      return new DataKey(SecretBytes.copyOf(raw), wrapped(data));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  @Override
  public SecretBytes unwrap(WrappedKey wrapped) {
    answers.checkOurs(wrapped);
    JsonObject data = answers.data("unwrap a data key",
        send("unwrap a data key", "decrypt/" + key, Map.of("ciphertext", wrapped.ciphertext())));
    byte[] raw = Base64.getDecoder().decode(data.getString("plaintext"));
    try {
      return SecretBytes.copyOf(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  @Override
  public WrappedKey rewrap(WrappedKey wrapped) {
    answers.checkOurs(wrapped);
    return wrapped(answers.data("rewrap a data key",
        send("rewrap a data key", "rewrap/" + key, Map.of("ciphertext", wrapped.ciphertext()))));
  }

  /** One Transit batch rewrap for all keys that pass the local checks. */
  @Override
  public List<RewrapOutcome> rewrapAll(List<WrappedKey> wrapped) {
    RewrapOutcome[] out = new RewrapOutcome[wrapped.size()];
    List<Integer> sent = new ArrayList<>();
    JsonArray batch = new JsonArray();
    for (int i = 0; i < out.length; i++) {
      try {
        answers.checkOurs(wrapped.get(i));
        batch.add(new JsonObject().add("ciphertext", wrapped.get(i).ciphertext()));
        sent.add(i);
      } catch (StorageException e) {
        out[i] = new RewrapOutcome.Failed(e.code(), e.getMessage());
      }
    }
    if (!sent.isEmpty()) {
      JsonObject data = answers.data("rewrap data keys", send("rewrap data keys",
          "rewrap/" + key, Map.of("batch_input", batch)));
      JsonValue results = data.get("batch_results");
      if (results == null || !results.isArray() || results.asArray().size() != sent.size()) {
        throw new StorageException(StorageErrorCode.KEY_UNAVAILABLE, "Vault at " + address
            + " answered a batch rewrap with a result count that does not match the request");
      }
      for (int j = 0; j < sent.size(); j++) {
        JsonObject item = results.asArray().get(j).asObject();
        String error = item.getString("error", "");
        out[sent.get(j)] = error.isEmpty()
            ? new RewrapOutcome.Rewrapped(wrapped(item))
            : answers.itemFailure(error);
      }
    }
    return List.of(out);
  }

  @Override
  public void rotate() {
    answers.data("rotate the KEK", send("rotate the KEK", "keys/" + key + "/rotate", Map.of()));
  }

  @Override
  public int currentVersion() {
    return readKey().getInt("latest_version");
  }

  @Override
  public int minDecryptionVersion() {
    return readKey().getInt("min_decryption_version");
  }

  /** Checked here: Vault itself would let the minimum go down again. */
  @Override
  public void setMinDecryptionVersion(int version) {
    JsonObject k = readKey();
    int min = k.getInt("min_decryption_version");
    int latest = k.getInt("latest_version");
    if (version < min || version > latest) {
      throw new IllegalArgumentException(
          "minDecryptionVersion must be between " + min + " and " + latest);
    }
    answers.data("retire old KEK versions", send("retire old KEK versions",
        "keys/" + key + "/config", Map.of("min_decryption_version", version)));
  }

  @Override
  public String toString() {
    return "VaultTransit[" + address + ", " + mount + "/keys/" + key + "]";
  }

  private JsonObject readKey() {
    LogicalResponse r = session.send("read the KEK", "keys/" + key,
        vault -> vault.logical().read(mount + "/keys/" + key));
    return answers.data("read the KEK", r);
  }

  private WrappedKey wrapped(JsonObject data) {
    return new WrappedKey(key, data.getInt("key_version"), data.getString("ciphertext"));
  }

  LogicalResponse send(String action, String path, Map<String, Object> body) {
    return session.send(action, path, vault -> vault.logical().write(mount + "/" + path, body));
  }
}
