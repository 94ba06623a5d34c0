package io.lethe.benchmarks;

import io.lethe.embedded.ElasticsearchNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The Elasticsearch node of a run: the one at {@code --es-url}, or one started for the run. */
final class LoadNode implements AutoCloseable {

  private final String url;
  private final ElasticsearchNode node;
  private final Path directory;
  private final String description;

  private LoadNode(String url, ElasticsearchNode node, Path directory, String description) {
    this.url = url;
    this.node = node;
    this.directory = directory;
    this.description = description;
  }

  static LoadNode startOrConnect(LoadOptions options) throws Exception {
    if (options.esUrl() != null) {
      return new LoadNode(options.esUrl().replaceAll("/+$", ""), null, null,
          "external node at " + options.esUrl());
    }
    Path zip = Path.of(System.getProperty("user.home"), ".m2", "repository", "org",
        "elasticsearch", "distribution", "integ-test-zip", "elasticsearch", "9.2.8",
        "elasticsearch-9.2.8.zip");
    String user = System.getProperty("user.name");
    // /var/tmp: the node may run as another user, who must be able to reach its folder.
    Path directory = Files.createTempDirectory(Path.of("/var/tmp"), "lethe-auditload-es-");
    ElasticsearchNode node = ElasticsearchNode.start(new ElasticsearchNode.Options(zip,
        Path.of("/var/tmp/lethe-elasticsearch-" + user), directory, null, options.esHeapMb()));
    return new LoadNode(node.url(), node, directory,
        "started for the run: " + node.version() + ", heap " + options.esHeapMb() + " MiB");
  }

  String url() {
    return url;
  }

  String description() {
    return description;
  }

  @Override
  public void close() throws Exception {
    if (node == null) {
      return;
    }
    node.close();
    try (var paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
