package io.lethe.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One single-node Elasticsearch cluster running as a child process on loopback, with security
 * off and a small heap. Its data survives {@link #stop()} and {@link #start()}, so an outage can
 * be staged; {@link #close()} stops it for good.
 *
 * <p>Thread safety: all methods are synchronized.
 */
public final class ElasticsearchNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ElasticsearchNode.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  /** How to run the node. {@code javaHome} may be null: a suitable runtime is searched for. */
  public record Options(Path zip, Path cacheDirectory, Path nodeDirectory, String javaHome,
      int heapMegabytes) {
    public Options {
      if (heapMegabytes < 256) {
        throw new IllegalArgumentException("heapMegabytes must be at least 256");
      }
    }
  }

  private final ElasticsearchDistribution distribution;
  private final Path nodeDirectory;
  private final Path javaHome;
  private final int heapMegabytes;
  private final int httpPort;
  private final int transportPort;
  private final boolean asOtherUser;
  private Process process;
  private final Thread shutdownHook = new Thread(this::kill, "elasticsearch-node-shutdown");

  private ElasticsearchNode(Options options) {
    this.distribution = ElasticsearchDistribution.unpack(options.zip(), options.cacheDirectory());
    this.javaHome = JavaRuntimes.find(options.javaHome(), distribution.minimumJavaVersion());
    this.nodeDirectory = options.nodeDirectory().toAbsolutePath();
    this.heapMegabytes = options.heapMegabytes();
    this.httpPort = FreePorts.free();
    this.transportPort = FreePorts.free();
    this.asOtherUser = UnprivilegedUser.runningAsRoot();
  }

  /** Unpacks the distribution if needed, starts the node and waits until it answers. */
  public static ElasticsearchNode start(Options options) {
    ElasticsearchNode node = new ElasticsearchNode(options);
    Runtime.getRuntime().addShutdownHook(node.shutdownHook);
    node.start();
    return node;
  }

  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  public String version() {
    return distribution.version();
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the node again on the same port and data after {@link #stop()}. */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    try {
      prepareDirectories();
      ProcessBuilder builder = new ProcessBuilder(command())
          .directory(nodeDirectory.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog().toFile()));
      Map<String, String> env = builder.environment();
      env.put("ES_JAVA_HOME", javaHome.toString());
      env.put("ES_JAVA_OPTS", "-Xms" + heapMegabytes + "m -Xmx" + heapMegabytes + "m");
      env.put("ES_PATH_CONF", nodeDirectory.resolve("config").toString());
      env.put("ES_TMPDIR", nodeDirectory.resolve("tmp").toString());
      env.put("HOME", nodeDirectory.toString());
      env.remove("JAVA_TOOL_OPTIONS");
      log.info("Starting Elasticsearch {} on {} with Java at {}{}", version(), url(), javaHome,
          asOtherUser ? " as user " + UnprivilegedUser.NAME : "");
      process = builder.start();
      awaitHealthy();
    } catch (IOException e) {
      throw new EmbeddedServerException("Could not start Elasticsearch in " + nodeDirectory, e);
    }
  }

  /** Stops the node and keeps its data. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        handle.destroyForcibly();
      }
    }
    process = null;
  }

  @Override
  public synchronized void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or has run; nothing left to remove.
    }
  }

  private void kill() {
    Process p = process;
    if (p != null) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private List<String> command() {
    List<String> command = new ArrayList<>(List.of(
        distribution.home().resolve("bin/elasticsearch").toString(),
        "-E", "cluster.name=lethe",
        "-E", "node.name=lethe-node",
        "-E", "discovery.type=single-node",
        "-E", "network.host=127.0.0.1",
        "-E", "http.port=" + httpPort,
        "-E", "transport.port=" + transportPort,
        "-E", "path.data=" + nodeDirectory.resolve("data"),
        "-E", "path.logs=" + nodeDirectory.resolve("logs"),
        "-E", "xpack.security.enabled=false",
        // A developer's nearly full disk must not turn the audit index read-only.
        "-E", "cluster.routing.allocation.disk.threshold_enabled=false"));
    return asOtherUser ? UnprivilegedUser.asUser(command) : command;
  }

  private void prepareDirectories() throws IOException {
    for (String sub : List.of("data", "logs", "tmp", "config")) {
      Files.createDirectories(nodeDirectory.resolve(sub));
    }
    // A private copy of the configuration: Elasticsearch writes its keystore next to it.
    try (Stream<Path> files = Files.list(distribution.home().resolve("config"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = nodeDirectory.resolve("config").resolve(file.getFileName());
        if (Files.isRegularFile(file) && !Files.exists(target)) {
          Files.copy(file, target);
        }
      }
    }
    if (asOtherUser) {
      UnprivilegedUser.ensureExists();
      requireTraversable(nodeDirectory.getParent());
      UnprivilegedUser.takeOwnership(nodeDirectory);
    }
  }

  /** The node's user must reach its folder; we say so rather than loosen someone's home. */
  private static void requireTraversable(Path directory) throws IOException {
    for (Path p = directory.toAbsolutePath(); p != null; p = p.getParent()) {
      if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        throw new EmbeddedServerException("Elasticsearch runs as the user "
            + UnprivilegedUser.NAME + " (it refuses root), who cannot enter " + p + ". Run "
            + "'chmod o+x " + p + "' or choose a data folder outside it.", null);
      }
    }
  }

  private Path consoleLog() {
    return nodeDirectory.resolve("logs/console.log");
  }

  private void awaitHealthy() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI health = URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=2s");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new EmbeddedServerException("Elasticsearch exited with status "
            + process.exitValue() + " while starting. Its console says:\n" + consoleTail(), null);
      }
      try {
        HttpResponse<String> response = client.send(
            HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          log.info("Elasticsearch {} answers on {}", version(), url());
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddedServerException("Interrupted while Elasticsearch was starting", e);
      }
      sleep(500);
    }
    kill();
    throw new EmbeddedServerException("Elasticsearch did not answer within " + START_TIMEOUT
        + ". Its console says:\n" + consoleTail(), null);
  }

  private String consoleTail() {
    try {
      List<String> lines = Files.readAllLines(consoleLog());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no console log at " + consoleLog() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedServerException("Interrupted while Elasticsearch was starting", e);
    }
  }
}
