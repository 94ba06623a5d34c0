package io.lethe.server.config;

import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.schema.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The schema, the key provider and the encrypted record store. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

  private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

  @Bean
  Schema schema() {
    return Schema.defaultSchema();
  }

  @Bean
  KeyProvider keyProvider(LetheProperties properties) throws IOException {
    LetheProperties.Keys keys = properties.keys();
    if (!"local".equals(keys.provider())) {
      throw new IllegalStateException("lethe.keys.provider must be 'local' in this version "
          + "(the Vault Transit provider is not wired into the server yet), not '"
          + keys.provider() + "'");
    }
    Path file = keys.keyringFile() == null || keys.keyringFile().isBlank()
        ? properties.dataDir().resolve("keys/keyring.lethe") : Path.of(keys.keyringFile());
    Files.createDirectories(file.toAbsolutePath().getParent());
    char[] passphrase = keys.keyringPassphrase() == null || keys.keyringPassphrase().isBlank()
        ? embeddedPassphrase(file.toAbsolutePath().getParent().resolve("keyring.passphrase"))
        : keys.keyringPassphrase().toCharArray();
    try {
      return KeyProvider.localKeyring(file, passphrase);
    } finally {
      java.util.Arrays.fill(passphrase, '\0');
    }
  }

  @Bean
  PersonalDataStore personalDataStore(Schema schema, KeyProvider keys) {
    return PersonalDataStore.create(schema, keys);
  }

  /**
   * The embedded default has nobody to type a passphrase, so it keeps a random one in a file only
   * this user can read. Production sets LETHE_KEYRING_PASSPHRASE (or uses Vault) instead.
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
