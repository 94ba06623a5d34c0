package io.lethe.testsupport.server;

import io.lethe.embedded.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code lethe-server.jar}) as a child process, a black box reached over
 * HTTP as in production. Settings are environment variables; without any the jar runs on the
 * embedded default (H2 file, S3Proxy in process, local keyring, its own Elasticsearch node).
 * {@link #kill()} ends it with SIGKILL, {@link #restart()} starts it again with the same settings,
 * port and data folder.
 *
 * <p>Uses only the JDK, so that any module's tests can depend on it without more jars.
 */
public final class LetheServerProcess implements AutoCloseable {

  private static final String STARTED = "Started LetheServer in";

  private final Path jar;
  private final Path workDir;
  private final Map<String, String> env;
  private final int port;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private Process process;

  private LetheServerProcess(Path jar, Path workDir, Map<String, String> env, int port) {
    this.jar = jar;
    this.workDir = workDir;
    this.env = env;
    this.port = port;
  }

  /** Settings for a server whose working directory (and default data folder) is workDir. */
  public static Builder in(Path workDir) {
    return new Builder(workDir);
  }

  /** Collects the environment; {@link #start()} launches and waits until the server is ready. */
  public static final class Builder {
    private final Path workDir;
    private final Map<String, String> env = new LinkedHashMap<>();

    private Builder(Path workDir) {
      this.workDir = workDir.toAbsolutePath();
      env.put("LETHE_DATA_DIR", this.workDir.resolve("lethe-data").toString());
    }

    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    public Builder env(Map<String, String> values) {
      env.putAll(values);
      return this;
    }

    public LetheServerProcess start() throws IOException {
      int port = freePort();
      env.put("LETHE_PORT", Integer.toString(port));
      LetheServerProcess server = new LetheServerProcess(jar(), workDir, Map.copyOf(env), port);
      server.launch();
      return server;
    }
  }

  /** The jar: {@code -Dlethe.server.jar}, else the server module's target folder. */
  private static Path jar() {
    String configured = System.getProperty("lethe.server.jar");
    Path jar = configured != null && !configured.isBlank() ? Path.of(configured)
        : Files.isRegularFile(Path.of("target/lethe-server.jar"))
            ? Path.of("target/lethe-server.jar") : Path.of("../server/target/lethe-server.jar");
    jar = jar.toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no packaged server at " + jar
          + " (./mvnw -pl server -am package)");
    }
    return jar;
  }

  private void launch() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-jar", jar.toString()).directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    output.add("---- start ----");
    process = builder.start();
    CompletableFuture<Void> started = new CompletableFuture<>();
    Process current = process;
    Thread reader = new Thread(() -> read(current, started), "lethe-server-output");
    reader.setDaemon(true);
    reader.start();
    try {
      started.get(240, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("the server did not start; its output:\n" + output(), e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return Path.of(env.get("LETHE_DATA_DIR"));
  }

  /** The first admin's API key, which the server writes into its data folder. */
  public String bootstrapKey() throws IOException {
    String file = env.getOrDefault("LETHE_BOOTSTRAP_KEY_FILE", "");
    return Files.readString(file.isBlank() ? dataDir().resolve("bootstrap-admin.key")
        : Path.of(file)).trim();
  }

  /** Everything the server printed so far, over all its starts. */
  public String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** Ends the server with SIGKILL: no shutdown hook, no commit, no cleanup runs. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  /** Starts the server again after {@link #kill()} or {@link #close()}, same settings and port. */
  public void restart() throws IOException {
    if (process.isAlive()) {
      throw new IllegalStateException("the server is still running");
    }
    launch();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private void read(Process source, CompletableFuture<Void> started) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(source.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        output.add(line);
        if (line.contains(STARTED)) {
          started.complete(null);
        }
      }
      started.completeExceptionally(new IllegalStateException("the server exited"));
    } catch (IOException e) {
      started.completeExceptionally(e);
    }
  }

  /** A port nobody listens on right now, that no ephemeral bind can take ({@link FreePorts}). */
  public static int freePort() {
    return FreePorts.free();
  }
}
