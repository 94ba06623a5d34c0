package io.lethe.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Elasticsearch server distribution from Maven Central
 * ({@code org.elasticsearch.distribution.integ-test-zip:elasticsearch:<version>:zip}), unpacked
 * once into a cache folder and reused by every node started from it.
 */
public final class ElasticsearchDistribution {

  private static final String COMPLETE_MARKER = ".lethe-unpacked";

  private final Path home;
  private final String version;

  private ElasticsearchDistribution(Path home, String version) {
    this.home = home;
    this.version = version;
  }

  /**
   * Unpacks {@code zip} under {@code cacheDirectory} unless a complete copy is already there.
   *
   * @throws EmbeddedServerException if the zip is missing or cannot be unpacked
   */
  public static synchronized ElasticsearchDistribution unpack(Path zip, Path cacheDirectory) {
    if (!Files.isRegularFile(zip)) {
      throw new EmbeddedServerException("The Elasticsearch distribution " + zip + " is missing. "
          + "Build with ./mvnw so that Maven resolves "
          + "org.elasticsearch.distribution.integ-test-zip:elasticsearch, or point to a running "
          + "node with an Elasticsearch URL.", null);
    }
    String name = zip.getFileName().toString().replaceFirst("\\.zip$", "");
    String version = name.replaceFirst("^elasticsearch-", "");
    Path target = cacheDirectory.resolve(name);
    Path home = target.resolve("elasticsearch-" + version);
    if (Files.exists(target.resolve(COMPLETE_MARKER))) {
      return new ElasticsearchDistribution(home, version);
    }
    try {
      Path partial = Files.createTempDirectory(createDirectories(cacheDirectory), name + ".partial");
      unzip(zip, partial);
      Files.writeString(partial.resolve(COMPLETE_MARKER), version);
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        // Another JVM finished first; its copy is as good as ours.
        if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
          throw raced;
        }
      }
      return new ElasticsearchDistribution(home, version);
    } catch (IOException e) {
      throw new EmbeddedServerException("Could not unpack " + zip + " into " + cacheDirectory, e);
    }
  }

  private static Path createDirectories(Path directory) throws IOException {
    Files.createDirectories(directory);
    // The node may run as an unprivileged user who must read the unpacked files.
    directory.toFile().setReadable(true, false);
    directory.toFile().setExecutable(true, false);
    return directory;
  }

  private static void unzip(Path zip, Path into) throws IOException {
    Files.setPosixFilePermissions(into, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (ZipFile file = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        Path out = into.resolve(entry.getName()).normalize();
        if (!out.startsWith(into)) {
          throw new IOException("Zip entry outside the target folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = file.getInputStream(entry)) {
          Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    // Zip entries carry no POSIX modes here: make scripts runnable and everything readable.
    try (var paths = Files.walk(into)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        boolean executable = Files.isDirectory(p) || p.getParent().getFileName().toString().equals("bin")
            || p.toString().contains("/lib/") && p.getFileName().toString().endsWith(".so")
            || p.getFileName().toString().equals("java");
        Files.setPosixFilePermissions(p,
            PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }

  public Path home() {
    return home;
  }

  public String version() {
    return version;
  }

  /** Elasticsearch 9 needs Java 21 or newer; 8.x runs on 17. */
  public int minimumJavaVersion() {
    return Integer.parseInt(version.substring(0, version.indexOf('.'))) >= 9 ? 21 : 17;
  }
}
