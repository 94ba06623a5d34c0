package io.lethe.storage.keys.vault;

import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.response.LogicalResponse;
import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.keys.RewrapOutcome;
import io.lethe.storage.keys.WrappedKey;

/**
 * Reads Transit's answers: the data of a success, or the error code a 400/404 stands for.
 * Vault's messages are matched by the phrases its transit backend has used since 1.x.
 */
final class TransitAnswers {

  private final String address;
  private final String mount;
  private final String key;

  TransitAnswers(String address, String mount, String key) {
    this.address = address;
    this.mount = mount;
    this.key = key;
  }

  /** The {@code data} object of a 200 (empty for a 204); anything else throws. */
  JsonObject data(String action, LogicalResponse r) {
    int status = r.getRestResponse().getStatus();
    if (status == 200) {
      JsonObject data = r.getDataObject();
      return data == null ? new JsonObject() : data;
    }
    if (status == 204) {
      return new JsonObject();
    }
    if (status == 404) {
      throw new StorageException(StorageErrorCode.KEY_UNAVAILABLE, "Vault at " + address
          + " answered 404 to '" + action + "': is the Transit engine mounted at '" + mount
          + "/' and does the key '" + key + "' exist?");
    }
    if (status == 400) {
      throw failure(action, String.join("; ", VaultFailures.errors(r)));
    }
    throw new StorageException(StorageErrorCode.KEY_UNAVAILABLE, "Vault at " + address
        + " answered HTTP " + status + " to '" + action + "'");
  }

  /**
   * Refuses, before any call, a key this provider did not wrap: another KEK id, a ciphertext
   * that is not Transit's (the local keyring's {@code lethe-kr:} form), or a relabelled version.
   */
  void checkOurs(WrappedKey w) {
    if (!w.kekId().equals(key)) {
      throw new StorageException(StorageErrorCode.KEY_UNAVAILABLE, "the key was wrapped by KEK '"
          + w.kekId() + "', not by the Vault Transit key '" + key + "'");
    }
    if (!w.ciphertext().startsWith("vault:v" + w.kekVersion() + ":")) {
      throw new StorageException(StorageErrorCode.KEY_UNWRAP_FAILED, "the wrapped key is not a"
          + " Vault Transit ciphertext of KEK version " + w.kekVersion()
          + " (wrapped by another provider, or relabelled)");
    }
  }

  RewrapOutcome.Failed itemFailure(String vaultError) {
    StorageException e = failure("rewrap a data key", vaultError);
    return new RewrapOutcome.Failed(e.code(), e.getMessage());
  }

  StorageException failure(String action, String vaultError) {
    if (vaultError.contains("disallowed by policy") || vaultError.contains("too old")) {
      return new StorageException(StorageErrorCode.KEY_UNAVAILABLE, "the KEK version of this"
          + " wrapped key is retired (below min_decryption_version of '" + key + "')");
    }
    if (vaultError.contains("version is too new")) {
      return new StorageException(StorageErrorCode.KEY_UNAVAILABLE,
          "the wrapped key names a KEK version that '" + key + "' does not have");
    }
    if (vaultError.contains("key not found") || vaultError.contains("no existing key")) {
      return new StorageException(StorageErrorCode.KEY_UNAVAILABLE, "Vault at " + address
          + " has no Transit key '" + key + "' under '" + mount + "/'");
    }
    if (vaultError.contains("message authentication failed")
        || vaultError.startsWith("invalid ciphertext")) {
      return new StorageException(StorageErrorCode.KEY_UNWRAP_FAILED,
          "the wrapped key failed authentication");
    }
    return new StorageException(StorageErrorCode.KEY_UNAVAILABLE, "Vault at " + address
        + " refused to " + action + ": " + vaultError);
  }
}
