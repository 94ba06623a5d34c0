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
 * On a database without principals, creates {@code admin} with every permission and writes its
 * API key to a file only this user can read (never to the log), as Vault hands out its root
 * token once at init.
 */
@Component
@DependsOn("databaseMigrations")
class BootstrapAdmin implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

  private final PrincipalStore principals;
  private final LetheProperties properties;

  BootstrapAdmin(PrincipalStore principals, LetheProperties properties) {
    this.principals = principals;
    this.properties = properties;
  }

  /** Runs before the web server starts, so the key exists before the first request can arrive. */
  @Override
  public void afterPropertiesSet() throws IOException {
    if (principals.count() > 0) {
      return;
    }
    String configured = properties.security().bootstrapKeyFile();
    Path file = configured == null || configured.isBlank()
        ? properties.dataDir().resolve("bootstrap-admin.key") : Path.of(configured);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    ApiKey key = principals.create("admin", List.of("admin"), List.of("*"));
    Files.writeString(file, key.reveal() + "\n", StandardCharsets.US_ASCII);
    log.warn("No principals existed: created 'admin' with every permission. Its API key is in {} "
        + "(readable by this user only); keep it safe and delete the file.", file.toAbsolutePath());
  }
}
