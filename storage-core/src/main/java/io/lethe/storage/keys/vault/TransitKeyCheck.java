package io.lethe.storage.keys.vault;

import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.response.LogicalResponse;
import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.keys.VaultTransitConfig;
import java.util.Map;

/**
 * The start-up check: the KEK exists (or is created, if allowed) and can wrap data keys without
 * a derivation context. Running it at start makes a wrong address, a sealed Vault or a missing
 * permission fail when the server starts rather than on the first request.
 */
final class TransitKeyCheck {

  private TransitKeyCheck() {}

  static void ensureKey(VaultSession session, TransitAnswers answers, VaultTransitConfig c) {
    String path = c.mount() + "/keys/" + c.keyName();
    LogicalResponse r = session.send("read the KEK", "keys/" + c.keyName(),
        vault -> vault.logical().read(path));
    if (r.getRestResponse().getStatus() == 404) {
      if (!c.createKeyIfMissing()) {
        throw new StorageException(StorageErrorCode.KEY_UNAVAILABLE, "Vault at " + c.address()
            + " has no Transit key '" + c.keyName() + "' under '" + c.mount() + "/': create it"
            + " ('vault write -f " + path + "') or allow Lethe to create it");
      }
      r = session.send("create the KEK", "keys/" + c.keyName(),
          vault -> vault.logical().write(path, Map.of("type", "aes256-gcm96")));
      answers.data("create the KEK", r);
      r = session.send("read the KEK", "keys/" + c.keyName(),
          vault -> vault.logical().read(path));
    }
    JsonObject key = answers.data("read the KEK", r);
    if (!key.getBoolean("supports_encryption", false) || key.getBoolean("derived", false)) {
      throw new StorageException(StorageErrorCode.KEY_UNAVAILABLE, "the Transit key '"
          + c.keyName() + "' is of type " + key.getString("type", "?")
          + (key.getBoolean("derived", false) ? " with derivation" : "")
          + ": Lethe needs a non-derived encryption key such as aes256-gcm96");
    }
  }
}
