package io.lethe.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server as a child process on a free loopback port, with a fresh data folder and,
 * on PostgreSQL, a fresh database (both removed on close), its first admin key chosen here
 * ({@code LETHE_BOOTSTRAP_ADMIN_KEY}) and its own Elasticsearch node. Its output is kept next
 * to the report ({@link HttpLoadOptions#serverLog()}). Both codecs start through
 * Spring Boot's {@code PropertiesLauncher}, so they differ only by the stand-in's jar and setting.
 */
final class HttpLoadServer implements AutoCloseable {

  static final String PLAINTEXT_CLASS = "io.lethe.benchmarks.plaintext.PlaintextFieldEncryption";
  private static final String LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

  private final HttpLoadOptions options;
  private final Path workDir;
  private final String database;
  private final String adminKey = newAdminKey();
  private final List<String> lastLines = new ArrayList<>();
  private Process process;
  private String url;

  private HttpLoadServer(HttpLoadOptions options, Path workDir, String database) {
    this.options = options;
    this.workDir = workDir;
    this.database = database;
  }

  static HttpLoadServer start(HttpLoadOptions options) throws Exception {
    if (!Files.isRegularFile(options.serverJar())) {
      throw new IllegalStateException("no packaged server at " + options.serverJar()
          + " (./mvnw -B -pl server,benchmarks -am package -DskipTests)");
    }
    if (options.plaintext() && !Files.isRegularFile(options.plaintextJar())) {
      throw new IllegalStateException("no plaintext stand-in jar at " + options.plaintextJar()
          + " (./mvnw -B -pl server,benchmarks -am package -DskipTests)");
    }
    Path workDir = Files.createTempDirectory("lethe-http-load-");
    // When the run is root, the Elasticsearch node runs as its own user and must enter it.
    Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwx--x--x"));
    String database = options.db().equals("postgres")
        ? "httpload_" + UUID.randomUUID().toString().substring(0, 8) : null;
    HttpLoadServer server = new HttpLoadServer(options, workDir, database);
    try {
      server.launch();
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  String url() {
    return url;
  }

  String adminKey() {
    return adminKey;
  }

  long pid() {
    return process.pid();
  }

  /** The server's own processes: the Elasticsearch node it started. */
  List<Long> childPids() {
    return process.descendants().map(ProcessHandle::pid).toList();
  }

  Path log() {
    return workDir.resolve("server.log");
  }

  private void launch() throws Exception {
    if (database != null) {
      sql("CREATE DATABASE " + database);
    }
    int port = io.lethe.embedded.FreePorts.free();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + options.serverHeapMb() + "m", "-cp", options.serverJar().toString()));
    if (options.plaintext()) {
      command.add("-Dloader.path=" + options.plaintextJar());
      command.add("-Dlethe.storage.insecure-field-encryption=" + PLAINTEXT_CLASS);
    }
    command.add(LAUNCHER);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("LETHE_DATA_DIR", workDir.resolve("lethe-data").toString());
    env.put("LETHE_PORT", Integer.toString(port));
    env.put("LETHE_BOOTSTRAP_ADMIN_KEY", adminKey);
    env.put("LETHE_KEYRING_PASSPHRASE", "http-load " + UUID.randomUUID());
    if (database != null) {
      env.put("LETHE_DATABASE_URL", options.jdbcUrl().substring(0,
          options.jdbcUrl().lastIndexOf('/') + 1) + database);
      env.put("LETHE_DATABASE_USERNAME", options.jdbcUser());
      env.put("LETHE_DATABASE_PASSWORD", "");
    }
    process = builder.start();
    url = "http://127.0.0.1:" + port;
    CompletableFuture<Void> started = new CompletableFuture<>();
    Thread reader = new Thread(() -> copyOutput(started), "lethe-server-output");
    reader.setDaemon(true);
    reader.start();
    try {
      started.get(600, TimeUnit.SECONDS);
    } catch (Exception e) {
      synchronized (lastLines) {
        throw new IllegalStateException("the server did not start; the end of its output:\n"
            + String.join("\n", lastLines), e);
      }
    }
  }

  /** Into {@code server.log}, keeping the last lines for a failed start. */
  private void copyOutput(CompletableFuture<Void> started) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log()), true)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.println(line);
        synchronized (lastLines) {
          lastLines.add(line);
          if (lastLines.size() > 60) {
            lastLines.remove(0);
          }
        }
        if (line.contains("Started LetheServer in")) {
          started.complete(null);
        }
      }
      started.completeExceptionally(new IllegalStateException("the server exited"));
    } catch (IOException e) {
      started.completeExceptionally(e);
    }
  }

  @Override
  public void close() throws Exception {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    if (Files.exists(log())) {
      Files.copy(log(), options.serverLog(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    if (database != null) {
      sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
    try (var paths = Files.walk(workDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(options.jdbcUrl(), options.jdbcUser(), "");
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  /** The shape the server requires: {@code lth_<12 hex>_<43 base64url>}, 256 random bits. */
  private static String newAdminKey() {
    SecureRandom random = new SecureRandom();
    byte[] id = new byte[6];
    byte[] secret = new byte[32];
    random.nextBytes(id);
    random.nextBytes(secret);
    return "lth_" + HexFormat.of().formatHex(id) + "_"
        + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }
}
