package io.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --local}: tables and csv show times in the clock's zone (the system's in production),
 * JSON keeps the server's UTC. The zone is given explicitly, never the machine's TZ.
 */
class LocalTimesTest {

  static final String HOLDS = """
      [{"id":"h1","subjectId":"s1","caseReference":"CASE-1","reason":"r","placedBy":"admin",
        "placedAt":"2025-03-10T12:00:00.123Z","until":null}]""";
  static final Clock KOLKATA =
      Clock.fixed(Instant.parse("2025-03-10T12:30:00Z"), ZoneId.of("Asia/Kolkata"));

  HttpServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/holds", exchange -> {
      byte[] body = HOLDS.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  Cli cli() {
    return Cli.withEnv(Map.of("LETHE_URL", "http://127.0.0.1:" + server.getAddress().getPort(),
        "LETHE_API_KEY", "k-test")).clock(KOLKATA);
  }

  @Test
  void withoutLocal_tablesShowUtc_evenWhenTheSystemZoneIsAnother() {
    Cli.Result r = cli().run("holds", "list");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("2025-03-10T12:00:00.123Z").doesNotContain("+05:30");
  }

  @Test
  void local_showsTableAndCsvTimes_inTheLocalZone_withTheOffset() {
    Cli.Result table = cli().run("--local", "holds", "list");
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).contains("2025-03-10T17:30:00.123+05:30").doesNotContain("12:00:00");

    Cli.Result csv = cli().run("holds", "list", "-o", "csv", "--local");
    assertThat(csv.out()).contains(",2025-03-10T17:30:00.123+05:30,");
  }

  @Test
  void local_leavesJsonInUtc_asTheServerSentIt() {
    Cli.Result json = cli().run("--local", "holds", "list", "-o", "json");
    assertThat(json.exit()).as(json.err()).isZero();
    assertThat(json.out()).contains("\"2025-03-10T12:00:00.123Z\"").doesNotContain("+05:30");
  }

  @Test
  void show_keepsUtcAsSent_convertsToAZone_andLeavesOtherTextAlone() {
    assertThat(Times.show("2025-03-10T12:00:00Z", ZoneOffset.UTC)).isEqualTo("2025-03-10T12:00:00Z");
    assertThat(Times.show("2025-03-10T12:00:00Z", ZoneId.of("America/New_York")))
        .isEqualTo("2025-03-10T08:00:00-04:00");
    assertThat(Times.show("2025-03-10T14:00:00+02:00", ZoneOffset.UTC))
        .isEqualTo("2025-03-10T12:00:00Z");
    assertThat(Times.show("", ZoneId.of("Asia/Kolkata"))).isEmpty();
    assertThat(Times.show("(never)", ZoneId.of("Asia/Kolkata"))).isEqualTo("(never)");
  }
}
