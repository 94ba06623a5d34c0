package io.lethe.server.health;

import io.lethe.server.config.AuditConfiguration.AuditCluster;
import io.lethe.server.config.LetheProperties;
import io.lethe.storage.StorageException;
import io.lethe.storage.keys.KeyProvider;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@code /actuator/health} reports, one component per backing service (named after the bean
 * without its HealthIndicator suffix: database, objectStore, ...). The endpoint is open,
 * so a DOWN component carries a fixed reason and an error code only: never an exception message,
 * which may quote a URL with credentials, a host name or a value.
 */
@Configuration(proxyBeanMethods = false)
class ComponentHealth {

  @Bean
  HealthIndicator databaseHealthIndicator(DataSource dataSource) {
    return () -> {
      try (Connection c = dataSource.getConnection()) {
        return c.isValid(2) ? Health.up().withDetail("product",
            c.getMetaData().getDatabaseProductName()).build()
            : down("storage.database", "the database does not answer");
      } catch (SQLException | RuntimeException e) {
        return down("storage.database", "the database does not answer");
      }
    };
  }

  @Bean
  HealthIndicator objectStoreHealthIndicator(MinioClient minio, LetheProperties properties) {
    String bucket = properties.objects().bucket();
    return () -> {
      try {
        return minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())
            ? Health.up().build()
            : down("storage.object.store-unavailable", "the bucket does not exist");
      } catch (ErrorResponseException e) {
        // S3's own error code (AccessDenied, ...) names the problem and holds nothing secret.
        return down("storage.object.store-unavailable", "the S3 endpoint refused: "
            + e.errorResponse().code());
      } catch (Exception e) {
        return down("storage.object.store-unavailable", "the S3 endpoint does not answer");
      }
    };
  }

  /** Asks the KEK holder itself (Vault reads the Transit key), not the subject key cache. */
  @Bean
  HealthIndicator keyProviderHealthIndicator(KeyProvider keys, LetheProperties properties) {
    String provider = properties.keys().provider();
    return () -> {
      try {
        keys.currentVersion();
        return Health.up().withDetail("provider", provider).build();
      } catch (StorageException e) {
        return Health.down().withDetail("provider", provider).withDetail("code", e.code().code())
            .withDetail("reason", keyReason(e)).build();
      } catch (RuntimeException e) {
        return Health.down().withDetail("provider", provider)
            .withDetail("code", "storage.key.unavailable")
            .withDetail("reason", "the key provider does not answer").build();
      }
    };
  }

  /** Audit shipping to Elasticsearch; UNKNOWN when off, which leaves the overall status alone. */
  @Bean
  HealthIndicator auditShippingHealthIndicator(AuditCluster cluster, LetheProperties properties) {
    String mode = properties.audit().elasticsearchMode();
    return () -> cluster.index().map(index -> {
      try {
        index.monthlyIndices();
        return Health.up().withDetail("mode", mode).build();
      } catch (RuntimeException e) {
        return Health.down().withDetail("mode", mode).withDetail("code", "audit.index.unavailable")
            .withDetail("reason", "Elasticsearch does not answer; events wait in the outbox")
            .build();
      }
    }).orElseGet(() -> Health.unknown().withDetail("mode", mode)
        .withDetail("reason", "audit shipping is off; events wait in the outbox").build());
  }

  private static String keyReason(StorageException e) {
    return switch (e.code()) {
      case VAULT_SEALED -> "Vault is sealed";
      case VAULT_UNREACHABLE -> "Vault does not answer";
      case VAULT_DENIED -> "Vault refuses Lethe's login or policy";
      default -> "the key-encryption key is unavailable";
    };
  }

  private static Health down(String code, String reason) {
    return Health.down().withDetail("code", code).withDetail("reason", reason).build();
  }
}
