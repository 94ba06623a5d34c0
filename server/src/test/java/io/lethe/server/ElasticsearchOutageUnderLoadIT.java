package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.server.audit.AuditShipping;
import io.lethe.testsupport.elasticsearch.ElasticsearchExtension;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
 * Elasticsearch stopped for a minute while two clients write and read records. No access fails
 * (events wait in the database outbox), shipping really fails meanwhile, and once the node is
 * back the backlog drains: every answered write and read is in the index exactly once, and the
 * chain verifies intact.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ElasticsearchOutageUnderLoadIT {

  private static final String PREFIX = "es-outage-it";
  private static final Duration OUTAGE = Duration.ofSeconds(60);

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @RegisterExtension static final ElasticsearchExtension es = new ElasticsearchExtension();
  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.registerSmall(registry, pg, s3, dataDir);
    ServerUnderTest.shipTo(registry, es, PREFIX);
  }

  @LocalServerPort int port;
  @Autowired AuditShipping shipping;
  @Autowired DataSource db;

  @Test
  void aMinuteWithoutElasticsearch_failsNoAccess_andEveryEventArrivesOnceAfter() throws Exception {
    ApiClient admin = ServerUnderTest.admin(port, dataDir);
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    ClientLoad load = ClientLoad.start(2, answers -> {
      ApiClient.Response created = admin.post("/v1/subjects/" + subject + "/records", """
          {"type":"account","fields":{"idType":"resident-id","name":"王二",
           "idNumber":"11010519491231002X","mobile":"13933334444"}}""");
      answers.add(created);
      if (created.status() == 201) {
        answers.add(admin.get("/v1/records/" + created.json().path("id").asText()
            + "?purpose=account-management"));
      }
    });
    long failuresBefore;
    long answeredDuringOutage;
    try {
      load.awaitAnswers(20);
      failuresBefore = shipping.failures();
      es.stopNode();
      long atStop = load.answers().size();
      try {
        Thread.sleep(OUTAGE.toMillis());
      } finally {
        answeredDuringOutage = load.answers().size() - atStop;
        es.startNode();
      }
      load.awaitAnswers(load.answers().size() + 20);
    } finally {
      load.stop();
    }

    assertThat(load.answers()).allSatisfy(r -> assertThat(r.status()).as(r.raw().body()).isIn(200, 201));
    assertThat(answeredDuringOutage).as("accesses answered while the node was down").isPositive();
    assertThat(shipping.failures()).as("shipping failed during the outage").isGreaterThan(failuresBefore);

    awaitEmptyOutbox();
    assertThat(indexed(subject, "record.create")).isEqualTo(load.count(201));
    assertThat(indexed(subject, "record.read")).isEqualTo(load.count(200));
    ApiClient.Response verify = admin.post("/v1/audit/verify", null);
    assertThat(verify.json().path("status").asText()).as(verify.raw().body()).isEqualTo("intact");
  }


  private void awaitEmptyOutbox() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    long backlog;
    do {
      shipping.drainNow();
      backlog = Tally.count(db, "SELECT count(*) FROM audit_outbox");
    } while (backlog > 0 && System.nanoTime() < deadline && sleep());
    assertThat(backlog).as("events still waiting in the outbox").isZero();
  }

  private static boolean sleep() throws InterruptedException {
    Thread.sleep(500);
    return true;
  }

  /** Documents of the subject with this action; ids are event ids, so a retry cannot add one. */
  private static long indexed(String subject, String action) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    http.send(HttpRequest.newBuilder(URI.create(es.url() + "/" + PREFIX + "-*/_refresh"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    String query = """
        {"query":{"bool":{"filter":[{"term":{"lethe.subject_id":"%s"}},
         {"term":{"event.action":"%s"}}]}}}""".formatted(subject, action);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create(es.url() + "/" + PREFIX + "-*/_count"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(query)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(r.body()).path("count").asLong();
  }
}
