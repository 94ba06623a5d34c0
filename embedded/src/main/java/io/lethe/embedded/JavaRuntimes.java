package io.lethe.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/** Finds a Java runtime of at least a given feature version for a child process. */
final class JavaRuntimes {

  private static final Path JVM_ROOT = Path.of("/usr/lib/jvm");

  private JavaRuntimes() {}

  /**
   * The configured runtime if any (it must be new enough), else this JVM if it is new enough,
   * else the newest one under /usr/lib/jvm that is.
   */
  static Path find(String configured, int minimumVersion) {
    if (configured != null && !configured.isBlank()) {
      Path home = Path.of(configured);
      if (featureVersion(home).orElse(0) < minimumVersion) {
        throw new EmbeddedServerException("The Java runtime " + home + " is not Java "
            + minimumVersion + " or newer, which this Elasticsearch needs.", null);
      }
      return home;
    }
    if (Runtime.version().feature() >= minimumVersion) {
      return Path.of(System.getProperty("java.home"));
    }
    try (Stream<Path> candidates = Files.isDirectory(JVM_ROOT) ? Files.list(JVM_ROOT) : Stream.empty()) {
      return candidates
          .filter(home -> featureVersion(home).orElse(0) >= minimumVersion)
          .max(Comparator.comparingInt(home -> featureVersion(home).orElse(0)))
          .orElseThrow(() -> new EmbeddedServerException("Elasticsearch needs Java "
              + minimumVersion + "+ and none was found: install one under /usr/lib/jvm or set "
              + "LETHE_ES_JAVA_HOME to its home.", null));
    } catch (IOException e) {
      throw new EmbeddedServerException("Could not list " + JVM_ROOT, e);
    }
  }

  private static Optional<Integer> featureVersion(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
      return Optional.empty();
    }
    try (var in = Files.newInputStream(release)) {
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
      String feature = version.startsWith("1.") ? version.substring(2) : version;
      int end = feature.indexOf('.');
      return Optional.of(Integer.parseInt(end < 0 ? feature : feature.substring(0, end)));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
