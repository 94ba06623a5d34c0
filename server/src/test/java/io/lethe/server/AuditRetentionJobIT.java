package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.audit.AuditEvent;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.server.audit.AuditShipping;
import io.lethe.testsupport.elasticsearch.ElasticsearchExtension;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code audit-retention} job through the jobs API, on a real Elasticsearch: a month of
 * events older than the retention (180 days by default) is dropped as a whole index, a dry run
 * only counts it, the drop is itself audited, and the trail still verifies intact from the floor
 * the drop recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditRetentionJobIT {

  private static final String PREFIX = "audit-retention-job-it";
  private static final String OLD_MONTH = PREFIX + "-2025.01";

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @RegisterExtension static final ElasticsearchExtension es = new ElasticsearchExtension();
  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.registerSmall(registry, pg, s3, dataDir);
    ServerUnderTest.shipTo(registry, es, PREFIX);
    registry.add("lethe.lifecycle.schedules.audit-retention", () -> "");
  }

  @LocalServerPort int port;
  @Autowired AuditShipping shipping;
  @Autowired DataSource db;

  @Test
  void aMonthOlderThanTheRetention_isDroppedByTheJob_andTheTrailStillVerifies() throws Exception {
    // The oldest month first, as time would have written it: the start of the chain.
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      for (String at : new String[] {"2025-01-10T08:00:00Z", "2025-01-20T08:00:00Z"}) {
        new AuditOutbox().append(c, AuditEvent.builder("record.read", AuditEvent.Outcome.SUCCESS)
            .actor("svc-archive", java.util.List.of("service")).timestamp(Instant.parse(at))
            .build());
      }
      c.commit();
    }
    shipping.drainNow();
    ApiClient admin = ServerUnderTest.admin(port, dataDir);
    admin.post("/v1/subjects", null);
    shipping.drainNow();
    assertThat(indexStatus(OLD_MONTH)).isEqualTo(200);

    JsonNode dry = admin.awaitRun(admin.post("/v1/jobs/audit-retention/runs", "{\"dryRun\":true}"));
    assertThat(dry.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(dry.path("counts").path("scanned").asLong()).isOne();
    assertThat(indexStatus(OLD_MONTH)).as("a dry run drops nothing").isEqualTo(200);

    JsonNode run = admin.awaitRun(admin.post("/v1/jobs/audit-retention/runs", "{}"));
    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
    assertThat(run.path("counts").path("deleted").asLong()).isOne();
    assertThat(indexStatus(OLD_MONTH)).as("the expired month's index").isEqualTo(404);

    shipping.drainNow();
    refresh();
    JsonNode drops = admin.get("/v1/audit/events?action=audit.retention.drop").json();
    assertThat(drops.path("events")).hasSize(1);
    assertThat(admin.get("/v1/audit/events?actor=svc-archive").json().path("events")).isEmpty();
    ApiClient.Response verify = admin.post("/v1/audit/verify", null);
    assertThat(verify.json().path("status").asText()).as(verify.raw().body()).isEqualTo("intact");

    JsonNode again = admin.awaitRun(admin.post("/v1/jobs/audit-retention/runs", "{}"));
    assertThat(again.path("counts").path("deleted").asLong()).as("nothing left to drop").isZero();
  }

  private static int indexStatus(String index) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(es.url() + "/" + index)).method("HEAD", HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static void refresh() throws Exception {
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(es.url() + "/" + PREFIX + "-*/_refresh"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
  }
}
