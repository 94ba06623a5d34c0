package io.lethe.audit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.audit.chain.TestSigner;
import io.lethe.audit.elasticsearch.ElasticsearchAuditIndex;
import io.lethe.testsupport.elasticsearch.ElasticsearchExtension;
import io.lethe.testsupport.postgres.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server killed with SIGKILL after committing accesses and before shipping them: every
 * committed event still reaches Elasticsearch exactly once, and the events of the access that
 * was still open when it died never do.
 */
class CrashBeforeShippingIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final ElasticsearchExtension es = new ElasticsearchExtension();

  // Unique per run: a developer's long-lived cluster keeps the indices of earlier runs.
  private static final String PREFIX = "crash-it-" + java.util.UUID.randomUUID().toString()
      .substring(0, 8);
  private static final int FIRST_COMMITS = 40;
  private static final int OPEN_EVENTS = 5;
  private static final int COMMITS_AFTER_READY = 30;

  private final HttpClient http = HttpClient.newHttpClient();
  private Process child;

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void committedEventsOfAKilledServer_arriveExactlyOnce_andItsOpenAccessNever() throws Exception {
    AuditMigrations.migrate(pg.dataSource());
    Set<String> acknowledged = new HashSet<>();
    Set<String> open = new HashSet<>();
    runChildUntilKilled(acknowledged, open);

    Set<String> inOutbox = outboxIds();
    // A commit may reach the database while the kill stops its acknowledgement: one at most.
    assertThat(inOutbox).containsAll(acknowledged);
    assertThat(inOutbox.size() - acknowledged.size()).isBetween(0, 1);
    assertThat(inOutbox).doesNotContainAnyElementsOf(open);

    try (ElasticsearchAuditIndex index = ElasticsearchAuditIndex.connect(es.url(), PREFIX)) {
      index.prepare();
      AuditShipper shipper = new AuditShipper(pg.dataSource(), index, 25, TestSigner.create());
      assertThat(shipper.drain()).isEqualTo(inOutbox.size());
      assertThat(shipper.drain()).isZero();
      assertThat(shipper.backlog()).isZero();
    }

    List<String> indexed = indexedEventIds();
    assertThat(indexed).hasSize(inOutbox.size()).doesNotHaveDuplicates();
    assertThat(new HashSet<>(indexed)).isEqualTo(inOutbox);
    assertThat(indexed).doesNotContainAnyElementsOf(open);
  }

  /**
   * Starts the child, waits until it holds its open access and kept committing, kills it. Its
   * stdout goes to a file, not a pipe: every acknowledgement written before the kill survives it
   * (killing a process closes its pipes in this JVM, losing what was not read yet).
   */
  private void runChildUntilKilled(Set<String> acknowledged, Set<String> open) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = Files.createTempFile("crash-it-child-", ".log");
    // Under Failsafe the class path is a manifest-only jar naming the whole test class path.
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp",
        System.getProperty("java.class.path"), CrashingWriterMain.class.getName(), pg.jdbcUrl(),
        pg.user(), Integer.toString(FIRST_COMMITS), Integer.toString(OPEN_EVENTS))
        .redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("LETHE_TEST_PG_PASSWORD", pg.password());
    child = builder.start();
    while (committedAfterReady(Files.readAllLines(log)) < COMMITS_AFTER_READY) {
      assertThat(child.isAlive()).as("the child is running").isTrue();
      Thread.sleep(20);
    }
    child.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback from the client
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child died").isTrue();
    assertThat(child.exitValue()).as("killed, not exited").isEqualTo(137);

    for (String line : Files.readAllLines(log)) {
      if (line.startsWith("COMMITTED ")) {
        acknowledged.add(line.substring("COMMITTED ".length()));
      } else if (line.startsWith("OPEN ")) {
        open.add(line.substring("OPEN ".length()));
      }
    }
    Files.delete(log);
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(FIRST_COMMITS + COMMITS_AFTER_READY);
    assertThat(open).hasSize(OPEN_EVENTS);
  }

  private static int committedAfterReady(List<String> lines) {
    int ready = lines.indexOf("READY");
    return ready < 0 ? 0 : (int) lines.subList(ready, lines.size()).stream()
        .filter(l -> l.startsWith("COMMITTED ")).count();
  }

  private static Set<String> outboxIds() throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT event_id FROM audit_outbox")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  private List<String> indexedEventIds() throws Exception {
    http.send(HttpRequest.newBuilder(URI.create(es.url() + "/" + PREFIX + "-*/_refresh"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(es.url() + "/" + PREFIX
        + "-*/_search?size=10000&_source=event.id")).build(), HttpResponse.BodyHandlers.ofString());
    List<String> ids = new ArrayList<>();
    for (JsonNode hit : new ObjectMapper().readTree(r.body()).path("hits").path("hits")) {
      ids.add(hit.path("_source").path("event").path("id").asText());
    }
    return ids;
  }
}
