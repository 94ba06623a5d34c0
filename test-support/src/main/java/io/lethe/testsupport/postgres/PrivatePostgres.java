package io.lethe.testsupport.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL server of the test class's own, for tests that stop or restart it: a fresh
 * cluster made with {@code initdb} from the Debian package's binaries
 * ({@code /usr/lib/postgresql/<version>/bin}, the newest), listening on a free loopback port,
 * run as user {@code postgres} when the tests run as root. Trust authentication, no fsync: it
 * holds test data only.
 *
 * <pre>{@code
 * @RegisterExtension static final PrivatePostgres pg = new PrivatePostgres();
 * ... pg.jdbcUrl() ... pg.restart() ...
 * }</pre>
 */
public final class PrivatePostgres implements BeforeAllCallback, AfterAllCallback {

  private Path bin;
  private Path dataDir;
  private int port;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    bin = binaries();
    port = io.lethe.embedded.FreePorts.free();
    dataDir = Files.createTempDirectory(Path.of("/var/tmp"), "lethe-pg-");
    asPostgresOwner(dataDir);
    run(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", "postgres", "-A",
        "trust", "-E", "UTF8", "--no-sync", "--no-locale");
    run(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l",
        dataDir.resolve("server.log").toString(), "-w", "-o", "-p " + port
            + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (dataDir == null) {
      return;
    }
    try {
      run(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w",
          "stop");
    } finally {
      try (Stream<Path> paths = Files.walk(dataDir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * The URL, with a socket timeout: a statement on a connection the restart left half-open
   * would otherwise wait on its socket for minutes (the driver's default is no timeout).
   */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?socketTimeout=10&connectTimeout=5";
  }

  public String user() {
    return "postgres";
  }

  /** Restarts the server (fast shutdown: open connections are cut), same port and data. */
  public void restart() throws IOException, InterruptedException {
    // -l as at start: without it the new postmaster would write to pg_ctl's output.
    run(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l",
        dataDir.resolve("server.log").toString(), "-m", "fast", "-w", "restart");
  }

  private static Path binaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException("No PostgreSQL binaries under /usr/lib/postgresql: install "
          + "the Debian package postgresql (.ci/run does)");
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
          .max(Comparator.comparing(v -> Integer.parseInt(v.getFileName().toString()
              .replaceAll("\\D", "0"))))
          .map(v -> v.resolve("bin"))
          .orElseThrow(() -> new IllegalStateException("No initdb under /usr/lib/postgresql"));
    }
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void asPostgresOwner(Path dir) throws IOException, InterruptedException {
    if (root()) {
      exec(List.of("chown", "postgres:postgres", dir.toString()));
    }
  }

  /** PostgreSQL refuses to run as root, so as root each command runs as user postgres. */
  private static void run(String... command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (root()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(command));
    exec(full);
  }

  /**
   * Output goes to a file, not a pipe: a postmaster that pg_ctl leaves running inherits the
   * output, and reading a pipe to its end would wait for the server to stop.
   */
  private static void exec(List<String> command) throws IOException, InterruptedException {
    Path output = Files.createTempFile("lethe-pg-command-", ".log");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
      boolean ended = p.waitFor(120, TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
      if (!ended || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n"
            + Files.readString(output));
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

}
