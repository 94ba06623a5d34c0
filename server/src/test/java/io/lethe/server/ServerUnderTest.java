package io.lethe.server;

import io.lethe.testsupport.elasticsearch.ElasticsearchExtension;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import io.lethe.testsupport.vault.VaultTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The settings every server test shares: PostgreSQL, S3Proxy, a data folder, a keyring. */
final class ServerUnderTest {

  private ServerUnderTest() {}

  /** Production components, audit events left in the outbox unless the test adds a cluster. */
  static void register(DynamicPropertyRegistry registry, PostgresExtension pg,
      S3ProxyExtension s3, Path dataDir) {
    registry.add("spring.datasource.url", pg::jdbcUrl);
    registry.add("spring.datasource.username", pg::user);
    registry.add("spring.datasource.password", pg::password);
    registry.add("lethe.data-dir", () -> dataDir.toString());
    registry.add("lethe.objects.endpoint", s3::endpoint);
    registry.add("lethe.objects.access-key", s3::accessKey);
    registry.add("lethe.objects.secret-key", s3::secretKey);
    registry.add("lethe.audit.elasticsearch-mode", () -> "off");
    registry.add("lethe.keys.keyring-passphrase", () -> "correct horse battery staple");
  }

  /** As {@link #register}, with a small pool: the test PostgreSQL is shared by many runs. */
  static void registerSmall(DynamicPropertyRegistry registry, PostgresExtension pg,
      S3ProxyExtension s3, Path dataDir) {
    register(registry, pg, s3, dataDir);
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
  }

  /**
   * Subject keys wrapped by the Vault test server's Transit engine, logged in with an AppRole
   * whose policy allows Transit only; returns the role id and secret id.
   */
  static String[] keysFromVault(DynamicPropertyRegistry registry, VaultTestServer vault) {
    vault.putPolicy("lethe", VaultTestServer.rule("transit/*", "create", "read", "update", "list"));
    String[] appRole = vault.approle("lethe", "lethe");
    registry.add("lethe.keys.provider", () -> "vault");
    registry.add("lethe.keys.vault.address", vault::address);
    registry.add("lethe.keys.vault.role-id", () -> appRole[0]);
    registry.add("lethe.keys.vault.secret-id", () -> appRole[1]);
    return appRole;
  }

  /** Audit events shipped to this Elasticsearch, under indices named {@code prefix-YYYY.MM}. */
  static void shipTo(DynamicPropertyRegistry registry, ElasticsearchExtension es,
      String prefix) {
    registry.add("lethe.audit.elasticsearch-mode", () -> "external");
    registry.add("lethe.audit.elasticsearch-url", es::url);
    registry.add("lethe.audit.index-prefix", () -> prefix);
  }

  /** The single number a {@code SELECT COUNT(*)} with string parameters answers. */
  static long count(javax.sql.DataSource db, String sql, String... params)
      throws java.sql.SQLException {
    try (var c = db.getConnection(); var ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The same settings as environment variables, for the packaged jar as a child process. */
  static java.util.Map<String, String> env(PostgresExtension pg, S3ProxyExtension s3) {
    return java.util.Map.of(
        "LETHE_DATABASE_URL", pg.jdbcUrl(),
        "LETHE_DATABASE_USERNAME", pg.user(),
        "LETHE_DATABASE_PASSWORD", pg.password(),
        "LETHE_S3_ENDPOINT", s3.endpoint(),
        "LETHE_S3_ACCESS_KEY", s3.accessKey(),
        "LETHE_S3_SECRET_KEY", s3.secretKey(),
        "LETHE_AUDIT_ES_MODE", "off",
        "LETHE_KEYRING_PASSPHRASE", "correct horse battery staple");
  }

  /**
   * The packaged server as a child process for kill tests: lifecycle jobs take one record per
   * batch, run only on request (no schedule fires them) and a restarted node recovers a killed
   * run within a second.
   */
  static io.lethe.testsupport.server.LetheServerProcess.Builder oneItemPerBatch(Path workDir,
      PostgresExtension pg, S3ProxyExtension s3) {
    return io.lethe.testsupport.server.LetheServerProcess.in(workDir).env(env(pg, s3))
        .env("LETHE_LIFECYCLE_BATCH_SIZE", "1")
        .env("LETHE_SCHEDULE_RETENTION_SWEEP", "")
        .env("LETHE_SCHEDULE_BIOMETRIC_PURGE", "")
        .env("LETHE_SCHEDULE_ERASURE", "")
        .env("LETHE_SCHEDULER_CHECKIN_INTERVAL", "1s");
  }

  /** Asks for the subject's erasure and waits until the erasure job has carried it out. */
  static void erase(ApiClient admin, String subject) throws Exception {
    ApiClient.Response accepted = admin.post("/v1/subjects/" + subject + "/erasure", null);
    if (accepted.status() != 202) {
      throw new AssertionError("erasure not accepted: " + accepted.status());
    }
    String requestId = accepted.json().path("requestId").asText();
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
    while (java.time.Instant.now().isBefore(deadline)) {
      if (admin.get("/v1/requests/" + requestId).json().path("status").asText().equals("DONE")) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the erasure request " + requestId + " was not done in 60 s");
  }

  /** A client holding the bootstrap admin key the server wrote into its data folder. */
  static ApiClient admin(int port, Path dataDir) throws IOException {
    return new ApiClient("http://127.0.0.1:" + port,
        Files.readString(dataDir.resolve("bootstrap-admin.key")).trim());
  }
}
