package io.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.testsupport.elasticsearch.ElasticsearchExtension;
import io.lethe.testsupport.server.LetheServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit commands' happy paths, black box: the packaged server ships its events to a real
 * Elasticsearch; a service principal reads two people's records through the CLI, and the
 * responder's commands must find exactly those accesses, and never show a stored value.
 * Apart from LetheCliIT, whose server runs without Elasticsearch to stay fast.
 */
class AuditCommandsIT {

  static final String MOBILE = "13912345678";
  static final String NAME = "欧阳娜娜";
  static final String ID_NUMBER = "11010519491231002X";
  /** What no audit output may contain: the stored values, in any spelling. */
  static final List<String> VALUES = List.of(MOBILE, "139 1234 5678", NAME, ID_NUMBER);

  @RegisterExtension static final ElasticsearchExtension es = new ElasticsearchExtension();
  @TempDir static Path dir;
  static LetheServerProcess server;
  static Map<String, String> responder;
  static String actor;
  static List<String> touched = new ArrayList<>();
  static Instant from;

  @BeforeAll
  static void accessesThroughTheCli() throws Exception {
    server = LetheServerProcess.in(dir).env("LETHE_AUDIT_ES_MODE", "external")
        .env("LETHE_AUDIT_ES_URL", es.url())
        .env("LETHE_AUDIT_INDEX_PREFIX", "cli-it-" + UUID.randomUUID().toString().substring(0, 8))
        .env("LETHE_AUDIT_SHIP_INTERVAL", "200ms").start();
    responder = Map.of("LETHE_URL", server.url(), "LETHE_API_KEY", server.bootstrapKey(),
        "COLUMNS", "250");
    from = Instant.now().minusSeconds(60);
    ApiClient admin = new ApiClient(server.url(), server.bootstrapKey());
    actor = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    Cli.Result created = lethe("principals", "create", actor, "--role", "service",
        "--permission", "records:read:*:account-management");
    assertThat(created.exit()).as(created.err()).isZero();
    Map<String, String> service = Map.of("LETHE_URL", server.url(), "LETHE_API_KEY",
        created.out().trim());
    for (int i = 0; i < 3; i++) {
      String subject = admin.post("/v1/subjects", null).path("id").asText();
      String record = admin.post("/v1/subjects/" + subject + "/records", Map.of("type", "account",
          "fields", Map.of("idType", "resident-id", "name", NAME, "idNumber", ID_NUMBER,
              "mobile", MOBILE))).path("id").asText();
      if (i < 2) { // the third subject is stored but not read by the actor
        Cli.Result read = Cli.withEnv(service).run("records", "get", record, "--purpose",
            "account-management");
        assertThat(read.exit()).as(read.err()).isZero();
        touched.add(subject);
      }
    }
    awaitShipped();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** Events reach Elasticsearch a ship interval and a refresh after they happen. */
  static void awaitShipped() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    long total = 0;
    while (System.nanoTime() < deadline) {
      Cli.Result r = lethe("audit", "search", "--actor", actor, "--action", "record.read",
          "-o", "json");
      total = r.exit() == 0 ? ApiClient.JSON.readTree(r.out()).path("total").asLong() : 0;
      if (total == touched.size()) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the actor's reads were not searchable in time: " + total
        + " of " + touched.size() + "; the server said:\n" + server.output());
  }

  static Cli.Result lethe(String... args) {
    return record(Cli.withEnv(responder).run(args));
  }

  /** Every responder's command is checked for stored values as it returns. */
  static Cli.Result record(Cli.Result r) {
    withoutStoredValues(r.out() + r.err());
    return r;
  }

  static void withoutStoredValues(String output) {
    assertThat(output).doesNotContain(VALUES.toArray(String[]::new));
  }

  @Test
  void search_filtersByActorAndAction_asTableJsonAndCsv() throws Exception {
    String[] search = {"audit", "search", "--actor", actor, "--action", "record.read",
        "--since", "1h"};
    Cli.Result table = lethe(search);
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).startsWith("TIME").contains("ACTOR", "record.read", "success")
        .contains(touched.toArray(String[]::new));
    assertThat(table.out().lines().count()).isEqualTo(1 + touched.size());

    Cli.Result json = lethe(append(search, "-o", "json"));
    JsonNode events = ApiClient.JSON.readTree(json.out()).path("events");
    assertThat(events).hasSize(touched.size()).allSatisfy(e -> {
      assertThat(e.path("user").path("name").asText()).isEqualTo(actor);
      assertThat(e.path("lethe").path("purpose").asText()).isEqualTo("account-management");
    });
    assertThat(events).extracting(e -> e.path("lethe").path("subject_id").asText())
        .containsExactlyInAnyOrderElementsOf(touched);

    Cli.Result csv = lethe(append(search, "-o", "csv"));
    assertThat(csv.out()).startsWith("time,actor,action,outcome,subject,purpose,record,error,"
        + "request\r\n");
    assertThat(csv.out().split("\r\n")).hasSize(1 + touched.size());

    Cli.Result none = lethe("audit", "search", "--actor", actor, "--action", "record.delete");
    assertThat(none.exit()).isZero();
    assertThat(none.out()).hasLineCount(1);
  }

  @Test
  void search_withLocal_showsTheTimesInTheLocalZone() {
    Cli.Result r = record(Cli.withEnv(responder).clock(Clock.system(ZoneId.of("Asia/Kolkata")))
        .run("--local", "audit", "search", "--actor", actor, "--action", "record.read"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines().skip(1)).hasSize(touched.size())
        .allSatisfy(l -> assertThat(l).containsPattern("^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+\\+05:30 "));
  }

  @Test
  void touchedSubjects_listsExactlyTheSubjectsTheActorRead() throws Exception {
    String to = Instant.now().plusSeconds(60).toString();
    Cli.Result table = lethe("audit", "touched-subjects", "--actor", actor, "--from",
        from.toString(), "--to", to);
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).startsWith("SUBJECT").contains(touched.toArray(String[]::new));
    assertThat(table.out().lines().count()).isEqualTo(1 + touched.size());

    Cli.Result json = lethe("audit", "touched-subjects", "--actor", actor, "--from",
        from.toString(), "--to", to, "-o", "json");
    assertThat(ApiClient.JSON.readTree(json.out()).path("subjects"))
        .extracting(s -> s.path("subjectId").asText()).containsExactlyInAnyOrderElementsOf(touched);
    assertThat(ApiClient.JSON.readTree(json.out()).path("subjects"))
        .allSatisfy(s -> assertThat(s.path("accesses").asLong()).isEqualTo(1));
  }

  @Test
  void verify_reportsTheChainIntact_andExits0_whileTheShipperRuns() throws Exception {
    // Each verify is audited and its event shipped within the ship interval: repeated verifies
    // race the shipper, as an operator's would on a busy server.
    for (int i = 0; i < 8; i++) {
      Cli.Result r = lethe("audit", "verify");
      assertThat(r.exit()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).containsPattern("status: +intact").containsPattern("events: +[1-9]");
      Thread.sleep(90);
    }
  }

  @Test
  void export_writesCsvAndJsonLines_withOneLinePerMatchingEvent() throws Exception {
    Path csv = dir.resolve("reads.csv");
    Cli.Result c = lethe("audit", "export", "--actor", actor, "--action", "record.read",
        "--format", "csv", "--out", csv.toString());
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(c.out()).startsWith("Exported ").contains(csv.toString());
    List<String> rows = Files.readAllLines(csv);
    assertThat(rows).hasSize(1 + touched.size());
    assertThat(rows.subList(1, rows.size())).allSatisfy(row -> assertThat(row).contains(actor,
        "record.read"));

    Path jsonl = dir.resolve("reads.jsonl");
    Cli.Result j = lethe("audit", "export", "--actor", actor, "--action", "record.read",
        "--out", jsonl.toString());
    assertThat(j.exit()).as(j.err()).isZero();
    List<String> lines = Files.readAllLines(jsonl);
    assertThat(lines).hasSize(touched.size());
    for (String line : lines) {
      assertThat(ApiClient.JSON.readTree(line).path("user").path("name").asText())
          .isEqualTo(actor);
    }
    withoutStoredValues(Files.readString(csv) + Files.readString(jsonl));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }

  @Test
  void serverLog_showsNoStoredValue() {
    withoutStoredValues(server.output());
  }

  private static String[] append(String[] args, String... more) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
