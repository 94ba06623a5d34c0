package io.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.testsupport.server.LetheServerProcess;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar in a real terminal: the packaged launcher ({@code bin/lethe}) runs under
 * util-linux {@code script}, which gives it a pseudo-terminal, so {@code System.console()} is
 * there as for an operator. A retention sweep over expired records, one record per batch, takes
 * many polls; the raw terminal output must show the line redrawn in place as the counts advance,
 * then the report.
 */
class JobProgressTerminalIT {

  static final int RECORDS = 150;
  /** One redrawn frame: carriage return, spinner, bar, then the counts (see Progress). */
  static final Pattern FRAME =
      Pattern.compile("\r[|/\\-\\\\] \\[([#.]{20})] (\\w+) scanned=(\\d+) deleted=(\\d+)");

  @TempDir static Path dir;
  static LetheServerProcess server;
  static ApiClient setup;

  @BeforeAll
  static void startServer() throws Exception {
    // Precise locations expire a second after they are stored, so a sweep has work at once.
    String policy;
    try (InputStream in = JobProgressTerminalIT.class.getResourceAsStream(
        "/io/lethe/lifecycle/policy/default-policy.yaml")) {
      policy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String shortLived = policy.replaceFirst("period: P1D\n", "period: PT1S\n");
    assertThat(shortLived).as("the default policy keeps locations P1D").isNotEqualTo(policy);
    Path policyFile = Files.writeString(dir.resolve("policy.yaml"), shortLived);
    server = LetheServerProcess.in(dir).env("LETHE_AUDIT_ES_MODE", "off")
        .env("LETHE_POLICY_FILE", policyFile.toString())
        .env("LETHE_LIFECYCLE_BATCH_SIZE", "1")
        .env("LETHE_SCHEDULE_RETENTION_SWEEP", "")
        .env("LETHE_SCHEDULE_BIOMETRIC_PURGE", "")
        .start();
    setup = new ApiClient(server.url(), server.bootstrapKey());
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void jobsRunWait_inATerminal_redrawsTheBarAsCountsAdvance_thenPrintsTheReport()
      throws Exception {
    storeExpiringLocations();
    Thread.sleep(1500);

    Terminal.Session session = Terminal.run(dir, Map.of("LETHE_URL", server.url(),
        "LETHE_API_KEY", server.bootstrapKey()), launcher(), "jobs", "run", "retention-sweep",
        "--wait", "--poll-interval", "20");

    assertThat(session.exit()).as(session.output()).isZero();
    List<Frame> frames = new ArrayList<>();
    Matcher m = FRAME.matcher(session.output());
    while (m.find()) {
      frames.add(new Frame(m.group(1), m.group(2), Long.parseLong(m.group(3))));
    }
    assertThat(frames).as("frames drawn in place:%n%s", session.output()).hasSizeGreaterThan(3);
    assertThat(frames.stream().mapToLong(Frame::scanned).distinct().count())
        .as("distinct scanned counts over the frames:%n%s", session.output()).isGreaterThan(2);
    assertThat(frames.get(frames.size() - 1))
        .isEqualTo(new Frame("#".repeat(20), "SUCCEEDED", RECORDS));
    assertThat(session.output()).containsPattern("status: +SUCCEEDED")
        .containsPattern("deleted: +" + RECORDS + "\\r?\\n");
  }

  record Frame(String bar, String status, long scanned) {}

  private static void storeExpiringLocations() throws Exception {
    String subject = setup.post("/v1/subjects", null).path("id").asText();
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> created = new ArrayList<>();
      for (int i = 0; i < RECORDS; i++) {
        created.add(writers.submit(() -> setup.post("/v1/subjects/" + subject + "/records",
            Map.of("type", "precise-location", "fields", Map.of("point", "39.9042,116.4074",
                "capturedAt", "2025-03-10T08:00:00+08:00"))).path("id").asText()));
      }
      for (Future<String> record : created) {
        assertThat(record.get()).isNotBlank();
      }
    } finally {
      writers.shutdown();
    }
  }

  /** {@code bin/lethe}, which runs the shaded jar the package phase left in target/. */
  private static Path launcher() {
    Path launcher = Path.of("bin/lethe").toAbsolutePath();
    assertThat(Path.of("target/lethe.jar")).as("the packaged CLI").isRegularFile();
    return launcher;
  }
}
