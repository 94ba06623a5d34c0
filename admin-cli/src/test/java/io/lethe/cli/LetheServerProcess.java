package io.lethe.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code server/target/lethe-server.jar}) as a child process on the embedded
 * default (H2 file, S3Proxy in process, local keyring), with Elasticsearch off: a black box the
 * CLI talks to over HTTP, as in production.
 */
final class LetheServerProcess implements AutoCloseable {

  static final String JASYPT_PASSWORD = "jasypt password of the CLI tests";

  private final Process process;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private final String url;
  private final Path dataDir;

  private LetheServerProcess(Path workDir) throws Exception {
    Path jar = Path.of(System.getProperty("lethe.server.jar", "../server/target/lethe-server.jar"))
        .toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no packaged server at " + jar
          + " (./mvnw -pl server -am package)");
    }
    int port = freePort();
    dataDir = workDir.resolve("lethe-data");
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-jar", jar.toString()).directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().put("LETHE_DATA_DIR", dataDir.toString());
    builder.environment().put("LETHE_PORT", Integer.toString(port));
    builder.environment().put("LETHE_AUDIT_ES_MODE", "off");
    // The keyring passphrase as production sets it: an ENC(...) value made by
    // 'lethe secrets encrypt', which the server decrypts with the password from its environment.
    Cli.Result encrypted = Cli.withEnv(java.util.Map.of("JASYPT_ENCRYPTOR_PASSWORD",
        JASYPT_PASSWORD)).stdin("correct horse battery staple\n").run("secrets", "encrypt");
    if (encrypted.exit() != 0) {
      throw new IllegalStateException("lethe secrets encrypt failed: " + encrypted.err());
    }
    builder.environment().put("JASYPT_ENCRYPTOR_PASSWORD", JASYPT_PASSWORD);
    builder.environment().put("LETHE_KEYRING_PASSPHRASE", encrypted.out().trim());
    builder.environment().put("LETHE_KEYS_NAMED_KEKS", "region-b");
    process = builder.start();
    url = "http://127.0.0.1:" + port;
    CompletableFuture<Void> started = new CompletableFuture<>();
    Thread reader = new Thread(() -> read(started), "lethe-server-output");
    reader.setDaemon(true);
    reader.start();
    try {
      started.get(240, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw new IllegalStateException("the server did not start; its output:\n"
          + String.join("\n", output), e);
    }
  }

  static LetheServerProcess start(Path workDir) throws Exception {
    return new LetheServerProcess(workDir);
  }

  String url() {
    return url;
  }

  String bootstrapKey() throws IOException {
    return Files.readString(dataDir.resolve("bootstrap-admin.key")).trim();
  }

  String output() {
    return String.join("\n", output);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private void read(CompletableFuture<Void> started) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        output.add(line);
        if (line.contains("Started LetheServer in")) {
          started.complete(null);
        }
      }
      started.completeExceptionally(new IllegalStateException("the server exited"));
    } catch (IOException e) {
      started.completeExceptionally(e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
