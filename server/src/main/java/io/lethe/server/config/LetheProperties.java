package io.lethe.server.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Lethe's own settings ({@code lethe.*}); application.yaml documents each one. */
@ConfigurationProperties("lethe")
public record LetheProperties(Path dataDir, Objects objects, Keys keys, Storage storage,
    Lifecycle lifecycle, Audit audit, Security security, Limits limits) {

  /**
   * The S3 API (blank endpoint: embedded S3Proxy), and how often bucket objects no row refers to
   * are removed, once they are at least the minimum age.
   */
  public record Objects(String endpoint, String accessKey, String secretKey, String bucket,
      Duration orphanSweepInterval, Duration orphanMinAge) {
    public boolean embedded() {
      return endpoint == null || endpoint.isBlank();
    }

    @Override
    public String toString() {
      return "Objects[endpoint=" + endpoint + ", bucket=" + bucket + "]";
    }
  }

  /**
   * Key-encryption keys: {@code local} (a keyring file) or {@code vault} (Transit, token or
   * AppRole), behind a cache of unwrapped subject keys bounded in size and time.
   */
  public record Keys(String provider, String keyringFile, String keyringPassphrase, Vault vault,
      int cacheMaxEntries, Duration cacheTtl, java.util.List<String> namedKeks) {

    /** The named KEKs subjects may be moved to, without blanks. */
    public java.util.List<String> namedKekList() {
      return namedKeks == null ? java.util.List.of()
          : namedKeks.stream().map(String::trim).filter(n -> !n.isEmpty()).toList();
    }

    @Override
    public String toString() {
      return "Keys[provider=" + provider + ", keyringFile=" + keyringFile + ", vault=" + vault
          + ", cacheMaxEntries=" + cacheMaxEntries + ", cacheTtl=" + cacheTtl + ", namedKeks="
          + namedKeks + "]";
    }
  }

  public record Vault(String address, String transitMount, String keyName, String token,
      String roleId, String secretId) {
    @Override
    public String toString() {
      return "Vault[address=" + address + ", transitMount=" + transitMount + ", keyName="
          + keyName + "]";
    }
  }

  /**
   * The schema file (blank: the built-in one), the blind index digest length in bytes, and, for
   * benchmarks only, the class of a field encryption stand-in (blank in production; ADR 0018).
   */
  public record Storage(String schemaFile, int blindIndexBytes, String insecureFieldEncryption) {}

  /**
   * The retention policy file (blank: the built-in one), the cron schedule of each job (blank:
   * run only on request), the job batch size, how long a deleted record's value-free tombstone
   * is kept before {@code tombstone-purge} removes it, after how long without progress a
   * running job is taken for abandoned by a dead node, and how often a node checks in with the
   * cluster (a node silent for longer is taken for dead and its Quartz jobs recover elsewhere).
   */
  public record Lifecycle(String policyFile, java.util.Map<String, String> schedules, int batchSize,
      Duration tombstoneGrace, Duration abandonedAfter, Duration checkinInterval) {
    public Lifecycle {
      schedules = schedules == null ? java.util.Map.of() : java.util.Map.copyOf(schedules);
      tombstoneGrace = tombstoneGrace == null ? Duration.ofDays(30) : tombstoneGrace;
      abandonedAfter = abandonedAfter == null ? Duration.ofMinutes(10) : abandonedAfter;
    }
  }

  public record Audit(String elasticsearchMode, String elasticsearchUrl, String indexPrefix,
      int elasticsearchHeapMb, Duration shipInterval, int shipBatchSize, Duration retention) {}

  /**
   * The first admin's key file or key, request size limits, and the roles (each a list of Shiro
   * wildcard permissions) that add to or replace the built-in ones.
   */
  public record Security(String bootstrapKeyFile, String bootstrapAdminKey,
      java.util.Map<String, java.util.List<String>> roles) {
    public Security {
      roles = roles == null ? java.util.Map.of() : java.util.Map.copyOf(roles);
    }

    @Override
    public String toString() {
      return "Security[bootstrapKeyFile=" + bootstrapKeyFile + ", roles=" + roles.keySet() + "]";
    }
  }

  /** The largest request bodies: JSON, and object uploads (streamed, never buffered). */
  public record Limits(org.springframework.util.unit.DataSize jsonMaxSize,
      org.springframework.util.unit.DataSize uploadMaxSize) {
    public Limits {
      jsonMaxSize = jsonMaxSize == null ? org.springframework.util.unit.DataSize.ofMegabytes(1)
          : jsonMaxSize;
      uploadMaxSize = uploadMaxSize == null
          ? org.springframework.util.unit.DataSize.ofMegabytes(100) : uploadMaxSize;
    }
  }

  @Override
  public String toString() {
    // Secrets stay out of logs and actuator dumps.
    return "LetheProperties[dataDir=" + dataDir + ", keys=" + keys + "]";
  }
}
