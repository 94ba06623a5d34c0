package io.lethe.testsupport.elasticsearch;

import io.lethe.embedded.ElasticsearchNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Elasticsearch node for tests, one per test JVM, shared by every class that registers
 * this extension and stopped when the run ends.
 *
 * <p>If {@code LETHE_TEST_ES_URL} answers, that cluster is used and nothing is started (as
 * Elasticsearch's own client tests do). Otherwise the distribution that Maven resolved
 * ({@code lethe.es.zip}, set by the build) is unpacked and started as a child process; when the
 * tests run as root the node runs as the unprivileged user {@code lethe-es}.
 */
public final class ElasticsearchExtension implements BeforeAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ElasticsearchExtension.class);

  private Cluster cluster;

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster = context.getRoot().getStore(NAMESPACE)
        .computeIfAbsent(Cluster.class, key -> Cluster.startOrConnect(), Cluster.class);
  }

  public String url() {
    return cluster().url();
  }

  /** True when this run started the node, so that it can be stopped for an outage test. */
  public boolean managed() {
    return cluster().node != null;
  }

  /** Stops the node (its data stays) to stage an outage. */
  public void stopNode() {
    managedNode().stop();
  }

  /** Starts the node again after {@link #stopNode()}, on the same URL with the same data. */
  public void startNode() {
    managedNode().start();
  }

  private ElasticsearchNode managedNode() {
    if (cluster().node == null) {
      throw new IllegalStateException("LETHE_TEST_ES_URL points to a cluster this run does not "
          + "own; unset it to run outage tests on a node the tests start");
    }
    return cluster().node;
  }

  private Cluster cluster() {
    if (cluster == null) {
      throw new IllegalStateException("ElasticsearchExtension is used before beforeAll: register "
          + "it as a static field with @RegisterExtension");
    }
    return cluster;
  }

  /** The JVM-wide cluster; JUnit closes it when the root context closes. */
  static final class Cluster implements AutoCloseable {
    private final String url;
    private final ElasticsearchNode node;
    private final Path nodeDirectory;

    private Cluster(String url, ElasticsearchNode node, Path nodeDirectory) {
      this.url = url;
      this.node = node;
      this.nodeDirectory = nodeDirectory;
    }

    String url() {
      return url;
    }

    static Cluster startOrConnect() {
      String external = System.getenv("LETHE_TEST_ES_URL");
      if (external != null && !external.isBlank() && answers(external)) {
        return new Cluster(external.replaceAll("/+$", ""), null, null);
      }
      String zip = System.getProperty("lethe.es.zip");
      if (zip == null || zip.isBlank()) {
        throw new IllegalStateException("No Elasticsearch: LETHE_TEST_ES_URL does not answer and "
            + "lethe.es.zip is not set. Run the tests through ./mvnw, which resolves the "
            + "distribution and sets it.");
      }
      try {
        String user = System.getProperty("user.name");
        Path cache = Path.of(System.getProperty("lethe.es.cache", "/var/tmp/lethe-elasticsearch-" + user));
        Path nodeDirectory = Files.createTempDirectory(Path.of("/var/tmp"), "lethe-es-node-");
        ElasticsearchNode node = ElasticsearchNode.start(new ElasticsearchNode.Options(Path.of(zip),
            cache, nodeDirectory, blankToNull(System.getProperty("lethe.es.java.home")), 512));
        return new Cluster(node.url(), node, nodeDirectory);
      } catch (IOException e) {
        throw new IllegalStateException("Could not prepare a folder for Elasticsearch", e);
      }
    }

    @Override
    public void close() throws IOException {
      if (node == null) {
        return;
      }
      node.close();
      try (var paths = Files.walk(nodeDirectory)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }

    private static boolean answers(String url) {
      try {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/_cluster/health"))
                .timeout(Duration.ofSeconds(3)).build(),
            HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() || s.startsWith("${") ? null : s;
    }
  }
}
