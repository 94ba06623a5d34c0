package io.lethe.server.config;

import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.VaultTransitConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the configured KEK holder: Vault Transit in production, a local keyring otherwise. */
final class KeyProviders {

  private static final Logger log = LoggerFactory.getLogger(KeyProviders.class);

  private KeyProviders() {}

  static KeyProvider create(LetheProperties properties) throws IOException {
    LetheProperties.Keys keys = properties.keys();
    java.util.List<String> names = keys.namedKekList();
    Map<String, KeyProvider> named = new LinkedHashMap<>();
    KeyProvider defaultKek = switch (keys.provider()) {
      case "vault" -> {
        for (String name : names) {
          named.put(name, vault(keys.vault(), name));
        }
        yield vault(keys.vault(), keys.vault().keyName());
      }
      case "local" -> {
        Path file = keyringFile(properties);
        for (String name : names) {
          named.put(name, local(properties, namedKeyring(file, name)));
        }
        yield local(properties, file);
      }
      default -> throw new IllegalStateException("lethe.keys.provider must be 'vault' or "
          + "'local', not '" + keys.provider() + "'");
    };
    return named.isEmpty() ? defaultKek : KeyProvider.withNamedKeks(defaultKek, named);
  }

  /** A named KEK of the local keyring: its own sealed file beside the default one. */
  static Path namedKeyring(Path defaultFile, String name) {
    if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new IllegalStateException("lethe.keys.named-keks: a KEK name is 1-63 lower-case"
          + " letters, digits and dashes");
    }
    String file = defaultFile.getFileName().toString();
    int dot = file.lastIndexOf('.');
    String named = dot > 0 ? file.substring(0, dot) + "-" + name + file.substring(dot)
        : file + "-" + name;
    return defaultFile.resolveSibling(named);
  }

  private static KeyProvider vault(LetheProperties.Vault vault, String keyName) {
    if (vault.address() == null || vault.address().isBlank()) {
      throw new IllegalStateException("lethe.keys.provider is vault but LETHE_VAULT_ADDRESS is blank");
    }
    boolean token = vault.token() != null && !vault.token().isBlank();
    boolean appRole = vault.roleId() != null && !vault.roleId().isBlank();
    if (token == appRole) {
      throw new IllegalStateException("Set either LETHE_VAULT_TOKEN or LETHE_VAULT_ROLE_ID with "
          + "LETHE_VAULT_SECRET_ID (exactly one way to log in to Vault)");
    }
    VaultTransitConfig config = token
        ? VaultTransitConfig.token(vault.address(), keyName, vault.token())
        : VaultTransitConfig.appRole(vault.address(), keyName, vault.roleId(), vault.secretId());
    return KeyProvider.vaultTransit(config.withMount(vault.transitMount()));
  }

  private static Path keyringFile(LetheProperties properties) {
    LetheProperties.Keys keys = properties.keys();
    return keys.keyringFile() == null || keys.keyringFile().isBlank()
        ? properties.dataDir().resolve("keys/keyring.lethe") : Path.of(keys.keyringFile());
  }

  private static KeyProvider local(LetheProperties properties, Path file) throws IOException {
    LetheProperties.Keys keys = properties.keys();
    Files.createDirectories(file.toAbsolutePath().getParent());
    char[] passphrase = keys.keyringPassphrase() == null || keys.keyringPassphrase().isBlank()
        ? embeddedPassphrase(file.toAbsolutePath().getParent().resolve("keyring.passphrase"))
        : keys.keyringPassphrase().toCharArray();
    try {
      return KeyProvider.localKeyring(file, passphrase);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }

  /**
   * The embedded default has nobody to type a passphrase, so it keeps a random one in a file only
   * this user can read. Production sets LETHE_KEYRING_PASSPHRASE or uses Vault instead.
   */
  private static char[] embeddedPassphrase(Path file) throws IOException {
    if (!Files.exists(file)) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, Base64.getEncoder().encodeToString(random), StandardCharsets.US_ASCII);
      log.warn("No keyring passphrase is configured: generated one in {}. Set "
          + "LETHE_KEYRING_PASSPHRASE in production.", file.toAbsolutePath());
    }
    return Files.readString(file, StandardCharsets.US_ASCII).trim().toCharArray();
  }
}
