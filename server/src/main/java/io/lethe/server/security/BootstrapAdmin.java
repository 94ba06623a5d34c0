package io.lethe.server.security;

import io.lethe.server.config.LetheProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;

/**
 * On a database without principals, creates {@code admin} with the role {@code admin}. Its key
 * is the one in {@code LETHE_BOOTSTRAP_ADMIN_KEY} when set (an orchestrator's secret, never
 * written anywhere by Lethe), otherwise a generated one written to a file only this user can read,
 * as Vault hands out its root token once at init. The key itself is never logged.
 */
@Component
@DependsOn("databaseMigrations")
class BootstrapAdmin implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);
  static final String VARIABLE = "LETHE_BOOTSTRAP_ADMIN_KEY";

  private final PrincipalStore principals;
  private final LetheProperties properties;

  BootstrapAdmin(PrincipalStore principals, LetheProperties properties) {
    this.principals = principals;
    this.properties = properties;
  }

  /** Runs before the web server starts, so the key exists before the first request can arrive. */
  @Override
  public void afterPropertiesSet() throws IOException {
    String configured = properties.security().bootstrapAdminKey();
    boolean fromEnvironment = configured != null && !configured.isBlank();
    if (principals.count() > 0) {
      if (fromEnvironment) {
        log.info("Principals exist already: {} is not used (it only creates the first admin).",
            VARIABLE);
      }
      return;
    }
    if (fromEnvironment) {
      ApiKey key = strongKey(configured.trim());
      principals.create("admin", List.of("admin"), List.of("*"), key);
      log.warn("No principals existed: created 'admin' with the key given in {}.", VARIABLE);
      return;
    }
    Path file = keyFile();
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    ApiKey key = principals.create("admin", List.of("admin"), List.of("*"));
    Files.writeString(file, key.reveal() + "\n", StandardCharsets.US_ASCII);
    log.warn("No principals existed: created 'admin' with every permission. Its API key is in {} "
        + "(readable by this user only); keep it safe and delete the file.", file.toAbsolutePath());
  }

  private Path keyFile() {
    String configured = properties.security().bootstrapKeyFile();
    return configured == null || configured.isBlank()
        ? properties.dataDir().resolve("bootstrap-admin.key") : Path.of(configured);
  }

  /** The configured key if it has the shape and randomness of a generated one; never echoed. */
  static ApiKey strongKey(String value) {
    ApiKey key = ApiKey.parse(value).orElseThrow(() -> new IllegalStateException(VARIABLE
        + " is not a Lethe API key. It must be lth_<12 hex digits>_<43 base64url characters"
        + " of a random 32-byte secret>; generate one with: printf 'lth_%s_%s\\n'"
        + " \"$(openssl rand -hex 6)\" \"$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')\""));
    if (!key.looksRandom()) {
      throw new IllegalStateException(VARIABLE + " is too weak: its secret repeats too few "
          + "characters to be random. Generate it with openssl rand (see the README).");
    }
    return key;
  }
}
