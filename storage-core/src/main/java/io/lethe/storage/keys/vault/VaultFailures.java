package io.lethe.storage.keys.vault;

import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonValue;
import io.github.jopenlibs.vault.response.LogicalResponse;
import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Vault's answers turned into messages an operator can act on. Never passes a driver exception
 * on as a cause: its message quotes response bodies. Never quotes a token or a plaintext; Vault's
 * own error texts are quoted because they name only paths, versions and reasons.
 */
final class VaultFailures {

  private final String address;

  VaultFailures(String address) {
    this.address = address;
  }

  /** A driver exception: a transport error (status 0), or a 5xx/412 answer the driver threw on. */
  StorageException thrown(String action, VaultException e) {
    int status = e.getHttpStatusCode();
    String text = String.valueOf(e.getMessage());
    if (status == 0) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      return new StorageException(StorageErrorCode.VAULT_UNREACHABLE, "Vault at " + address
          + " is unreachable (" + root.getClass().getSimpleName() + ") while trying to " + action
          + ": check that Vault is running and that the address and network are right");
    }
    if (status == 503 && text.contains("Vault is sealed")) {
      return sealed();
    }
    if (status == 403) {
      return new StorageException(StorageErrorCode.VAULT_DENIED, "Vault at " + address
          + " refused to " + action + " (HTTP 403): check the credentials and policies");
    }
    return new StorageException(StorageErrorCode.KEY_UNAVAILABLE, "Vault at " + address
        + " failed to " + action + " (HTTP " + status + "); see Vault's server log");
  }

  StorageException sealed() {
    return new StorageException(StorageErrorCode.VAULT_SEALED, "Vault at " + address
        + " is sealed: unseal it ('vault operator unseal') and retry");
  }

  StorageException invalidToken(boolean appRole) {
    return new StorageException(StorageErrorCode.VAULT_DENIED, "Vault at " + address
        + " rejected Lethe's token as invalid, expired or revoked: " + (appRole
            ? "a fresh AppRole login did not help; check the role's token TTL and policies"
            : "configure a valid token (a periodic token, or AppRole so Lethe can log in again)"));
  }

  StorageException forbidden(String action, String path) {
    return new StorageException(StorageErrorCode.VAULT_DENIED, "Vault at " + address
        + " denied permission to " + action + " on '" + path + "': grant the token's policy the"
        + " needed capability on that path (see docs: read on keys/<key>, update on datakey,"
        + " decrypt, rewrap, keys/<key>/rotate and keys/<key>/config)");
  }

  StorageException loginFailed(String mountPath, int status) {
    return new StorageException(StorageErrorCode.VAULT_DENIED, "AppRole login at " + address
        + "/v1/auth/" + mountPath + "/login failed (HTTP " + status
        + "): the role id or secret id is wrong, expired or used up");
  }

  /** The strings of Vault's {@code {"errors":[...]}} body, or an empty list. */
  static List<String> errors(LogicalResponse r) {
    List<String> out = new ArrayList<>();
    try {
      String body = new String(r.getRestResponse().getBody(), StandardCharsets.UTF_8);
      JsonValue errors = Json.parse(body).asObject().get("errors");
      if (errors != null && errors.isArray()) {
        errors.asArray().forEach(v -> out.add(v.isString() ? v.asString() : v.toString()));
      }
    } catch (RuntimeException notJson) {
      // An empty or non-JSON body: nothing to quote.
    }
    return out;
  }

  static boolean isInvalidToken(LogicalResponse r) {
    return errors(r).stream().anyMatch(e -> e.contains("invalid token"));
  }

  static boolean isSealed(LogicalResponse r) {
    return errors(r).stream().anyMatch(e -> e.contains("Vault is sealed"));
  }
}
