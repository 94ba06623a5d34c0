package io.lethe.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The config file {@code lethe login} writes: {@code url} and {@code api-key}, readable by its
 * owner only (0600). Found at {@code LETHE_CONFIG}, else {@code $XDG_CONFIG_HOME/lethe/config},
 * else {@code ~/.config/lethe/config}.
 */
final class CliConfig {

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final Path file;
  private final Properties values;

  private CliConfig(Path file, Properties values) {
    this.file = file;
    this.values = values;
  }

  static Path location(Map<String, String> env) {
    String explicit = env.get("LETHE_CONFIG");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
        : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
    return base.resolve("lethe").resolve("config");
  }

  static CliConfig read(Path file) {
    Properties values = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        values.load(in);
      } catch (IOException e) {
        throw new UsageException("cannot read the config file " + file + ": " + e.getMessage());
      }
    }
    return new CliConfig(file, values);
  }

  Path file() {
    return file;
  }

  Optional<String> url() {
    return Optional.ofNullable(values.getProperty("url")).filter(s -> !s.isBlank());
  }

  Optional<String> apiKey() {
    return Optional.ofNullable(values.getProperty("api-key")).filter(s -> !s.isBlank());
  }

  /** Whether others than the owner may read the file (then the key in it is refused). */
  boolean tooOpen() {
    try {
      return Files.isRegularFile(file)
          && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** Writes url and key; the file is created 0600 before the key goes into it. */
  static void write(Path file, String url, String apiKey) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    if (!Files.exists(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }
    Files.setPosixFilePermissions(file, OWNER_ONLY);
    Properties values = new Properties();
    values.setProperty("url", url);
    values.setProperty("api-key", apiKey);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      values.store(out, "written by lethe login; keep this file private (0600)");
    }
  }
}
