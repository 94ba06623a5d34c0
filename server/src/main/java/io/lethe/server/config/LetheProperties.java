package io.lethe.server.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Lethe's own settings ({@code lethe.*}); application.yaml documents each one. */
@ConfigurationProperties("lethe")
public record LetheProperties(Path dataDir, Objects objects, Keys keys, Audit audit,
    Security security) {

  public record Objects(String endpoint, String accessKey, String secretKey, String bucket) {
    public boolean embedded() {
      return endpoint == null || endpoint.isBlank();
    }

    @Override
    public String toString() {
      return "Objects[endpoint=" + endpoint + ", bucket=" + bucket + "]";
    }
  }

  public record Keys(String provider, String keyringFile, String keyringPassphrase) {
    @Override
    public String toString() {
      return "Keys[provider=" + provider + ", keyringFile=" + keyringFile + "]";
    }
  }

  public record Audit(String elasticsearchMode, String elasticsearchUrl, String indexPrefix,
      int elasticsearchHeapMb, Duration shipInterval, int shipBatchSize) {}

  public record Security(String bootstrapKeyFile) {}

  @Override
  public String toString() {
    // Secrets stay out of logs and actuator dumps.
    return "LetheProperties[dataDir=" + dataDir + ", keys=" + keys + "]";
  }
}
