package io.lethe.server.config;

import io.lethe.audit.elasticsearch.ElasticsearchAuditIndex;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.audit.outbox.AuditShipper;
import io.lethe.audit.outbox.OutboxGroupCommit;
import io.lethe.audit.chain.CheckpointSigner;
import io.lethe.server.audit.CheckpointKeys;
import io.lethe.storage.keys.KeyProvider;
import org.springframework.context.annotation.DependsOn;
import io.lethe.embedded.ElasticsearchNode;
import io.lethe.server.audit.AuditShipping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit trail: the outbox in Lethe's database, and the Elasticsearch it ships to — a node
 * started from the distribution next to the jar (embedded), a configured cluster (external), or
 * none (off: events wait in the outbox).
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

  @Bean
  AuditOutbox auditOutbox() {
    return new AuditOutbox();
  }

  /**
   * Events of accesses that change nothing share transactions: at most this many in one, so
   * that a burst does not make one caller commit an unbounded insert for the others.
   */
  static final int GROUP_COMMIT_MAX_BATCH = 500;

  @Bean
  OutboxGroupCommit outboxGroupCommit(DataSource dataSource, AuditOutbox outbox) {
    return new OutboxGroupCommit(dataSource, outbox, GROUP_COMMIT_MAX_BATCH);
  }

  @Bean(destroyMethod = "close")
  AuditCluster auditCluster(LetheProperties properties) {
    LetheProperties.Audit audit = properties.audit();
    return switch (audit.elasticsearchMode()) {
      case "off" -> new AuditCluster(null, null);
      case "external" -> {
        if (audit.elasticsearchUrl() == null || audit.elasticsearchUrl().isBlank()) {
          throw new IllegalStateException("lethe.audit.elasticsearch-mode is external but "
              + "lethe.audit.elasticsearch-url is blank: set LETHE_AUDIT_ES_URL");
        }
        yield new AuditCluster(null,
            ElasticsearchAuditIndex.connect(audit.elasticsearchUrl(), audit.indexPrefix()));
      }
      case "embedded" -> {
        Path nodeDir = properties.dataDir().toAbsolutePath().resolve("elasticsearch");
        ElasticsearchNode node = ElasticsearchNode.start(new ElasticsearchNode.Options(
            distribution(), nodeDir.resolve("dist"), nodeDir.resolve("node"), null,
            audit.elasticsearchHeapMb()));
        yield new AuditCluster(node,
            ElasticsearchAuditIndex.connect(node.url(), audit.indexPrefix()));
      }
      default -> throw new IllegalStateException("lethe.audit.elasticsearch-mode must be "
          + "embedded, external or off, not " + audit.elasticsearchMode());
    };
  }

  /** Checkpoints are signed by a key the KeyProvider holds; it needs the server's tables. */
  @Bean
  @DependsOn("databaseMigrations")
  CheckpointSigner checkpointSigner(DataSource dataSource, KeyProvider keys) {
    return CheckpointKeys.signer(dataSource, keys);
  }

  @Bean(destroyMethod = "close")
  AuditShipping auditShipping(DataSource dataSource, AuditCluster cluster,
      LetheProperties properties, CheckpointSigner signer) {
    Optional<AuditShipper> shipper = cluster.index().map(index -> {
      index.prepare();
      return new AuditShipper(dataSource, index, properties.audit().shipBatchSize(), signer);
    });
    return new AuditShipping(shipper, properties.audit().shipInterval());
  }

  /** The zip that the build copied next to the jar (server/target/elasticsearch/). */
  private static Path distribution() {
    Path folder = new ApplicationHome(AuditConfiguration.class).getDir().toPath()
        .resolve("elasticsearch");
    try (Stream<Path> zips = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
      return zips.filter(p -> p.getFileName().toString().matches("elasticsearch-.*\\.zip"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("No Elasticsearch distribution in "
              + folder + ". Build the server with ./mvnw package, or set "
              + "LETHE_AUDIT_ES_MODE=external with LETHE_AUDIT_ES_URL, or off."));
    } catch (IOException e) {
      throw new IllegalStateException("Could not read " + folder, e);
    }
  }

  /** The node this server started (if any) and the index it ships to (if any). */
  public record AuditCluster(ElasticsearchNode node, ElasticsearchAuditIndex indexOrNull)
      implements AutoCloseable {
    /** The trail's index, empty when audit shipping is off. */
    public Optional<ElasticsearchAuditIndex> index() {
      return Optional.ofNullable(indexOrNull);
    }

    @Override
    public void close() {
      if (indexOrNull != null) {
        indexOrNull.close();
      }
      if (node != null) {
        node.close();
      }
    }
  }
}
