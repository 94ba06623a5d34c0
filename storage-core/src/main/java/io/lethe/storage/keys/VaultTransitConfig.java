package io.lethe.storage.keys;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how to reach Vault Transit. {@code toString} never shows the token or secret id.
 *
 * <pre>{@code
 * KeyProvider keys = KeyProvider.vaultTransit(
 *     VaultTransitConfig.appRole("https://vault:8200", "lethe-kek", roleId, secretId)
 *         .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)));
 * }</pre>
 *
 * @param address Vault's base URL, e.g. {@code https://vault.example:8200}
 * @param mount the Transit mount path, default {@code transit}
 * @param keyName the Transit key that is the KEK; it is also the {@link WrappedKey#kekId()}
 * @param auth a static token, or AppRole credentials to log in (and log in again) with
 * @param openTimeout connect timeout (whole seconds; the driver counts in seconds)
 * @param readTimeout response timeout (whole seconds)
 * @param maxRetries extra attempts after a transport error or a 5xx answer
 * @param retryInterval pause between attempts
 * @param createKeyIfMissing create the Transit key at start if it does not exist
 */
public record VaultTransitConfig(String address, String mount, String keyName, Auth auth,
    Duration openTimeout, Duration readTimeout, int maxRetries, Duration retryInterval,
    boolean createKeyIfMissing) {

  // Vault's own rule for Transit key names (path_keys.go): word characters, '-' and '.'.
  private static final Pattern KEY_NAME = Pattern.compile("\\w(([\\w.-]+)?\\w)?");

  public VaultTransitConfig {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(mount, "mount");
    Objects.requireNonNull(keyName, "keyName");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(openTimeout, "openTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(retryInterval, "retryInterval");
    if (!address.startsWith("http://") && !address.startsWith("https://")) {
      throw new IllegalArgumentException("address must be an http:// or https:// URL");
    }
    address = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
    mount = mount.replaceAll("^/+|/+$", "");
    if (mount.isEmpty()) {
      throw new IllegalArgumentException("mount must not be empty");
    }
    if (!KEY_NAME.matcher(keyName).matches()) {
      throw new IllegalArgumentException("keyName is not a valid Transit key name: " + keyName);
    }
    if (openTimeout.toSeconds() < 1 || readTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException("timeouts must be at least one second");
    }
    if (maxRetries < 0 || retryInterval.isNegative()) {
      throw new IllegalArgumentException("retries and their interval must not be negative");
    }
  }

  /** Token auth with defaults: mount transit, 5 s connect, 30 s read, 2 retries 500 ms apart. */
  public static VaultTransitConfig token(String address, String keyName, String token) {
    return defaults(address, keyName, new Token(token));
  }

  /** AppRole auth at {@code auth/approle}, with the same defaults as {@link #token}. */
  public static VaultTransitConfig appRole(String address, String keyName, String roleId,
      String secretId) {
    return defaults(address, keyName, new AppRole("approle", roleId, secretId));
  }

  private static VaultTransitConfig defaults(String address, String keyName, Auth auth) {
    return new VaultTransitConfig(address, "transit", keyName, auth, Duration.ofSeconds(5),
        Duration.ofSeconds(30), 2, Duration.ofMillis(500), true);
  }

  public VaultTransitConfig withMount(String newMount) {
    return new VaultTransitConfig(address, newMount, keyName, auth, openTimeout, readTimeout,
        maxRetries, retryInterval, createKeyIfMissing);
  }

  public VaultTransitConfig withTimeouts(Duration open, Duration read) {
    return new VaultTransitConfig(address, mount, keyName, auth, open, read, maxRetries,
        retryInterval, createKeyIfMissing);
  }

  public VaultTransitConfig withRetries(int retries, Duration interval) {
    return new VaultTransitConfig(address, mount, keyName, auth, openTimeout, readTimeout,
        retries, interval, createKeyIfMissing);
  }

  public VaultTransitConfig withCreateKeyIfMissing(boolean create) {
    return new VaultTransitConfig(address, mount, keyName, auth, openTimeout, readTimeout,
        maxRetries, retryInterval, create);
  }

  /** How Lethe authenticates to Vault. Implementations never print their secrets. */
  public sealed interface Auth {}

  /** A token managed outside Lethe (e.g. a periodic token); not renewed, never re-obtained. */
  public record Token(String token) implements Auth {
    public Token {
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("token must not be blank");
      }
    }

    @Override
    public String toString() {
      return "Token[****]";
    }
  }

  /** AppRole credentials; Lethe logs in at start and again whenever its token stops working. */
  public record AppRole(String mountPath, String roleId, String secretId) implements Auth {
    public AppRole {
      Objects.requireNonNull(mountPath, "mountPath");
      if (roleId == null || roleId.isBlank() || secretId == null || secretId.isBlank()) {
        throw new IllegalArgumentException("roleId and secretId must not be blank");
      }
    }

    @Override
    public String toString() {
      return "AppRole[mount=" + mountPath + ", roleId=****, secretId=****]";
    }
  }
}
