package io.lethe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run of the load against the packaged server on its embedded default: every operation
 * of the mix succeeded once before the load, and nothing failed during it. No timing is
 * asserted; the figures are for the real run.
 */
class HttpLoadIT {

  @TempDir Path dir;

  @Test
  void shortRun_onTheEmbeddedDefault_everyOperationSucceeds() throws Exception {
    Path output = dir.resolve("http-load.json");
    HttpLoadOptions options = HttpLoadOptions.parse(new String[] {"--db", "h2",
        "--codec", "encrypted", "--seconds", "10", "--warmup", "0", "--clients", "2",
        "--photo-kb", "200", "--server-heap-mb", "512",
        "--server-jar", "../server/target/lethe-server.jar", "--output", output.toString()});

    HttpLoad.Result result = HttpLoad.run(options);

    assertThat(result.primed()).containsKeys("subject.create", "record.create.account",
        "record.create.vehicle", "record.create.accident", "object.upload", "record.read",
        "record.lookup", "subject.export", "audit.search");
    assertThat(result.primed().values()).allSatisfy(s -> {
      assertThat(s.errors()).as("failures of %s", s.operation()).isEmpty();
      assertThat(s.count()).as("successes of %s", s.operation()).isPositive();
    });
    assertThat(result.measured().values()).allSatisfy(s ->
        assertThat(s.errors()).as("failures of %s", s.operation()).isEmpty());
    assertThat(result.measured().values().stream().mapToLong(HttpOperations.Summary::count)
        .sum()).as("requests in the measured window").isPositive();
    assertThat(Files.readString(output)).contains("\"operations\"", "\"serverCpuCores\"",
        "\"loadAverageMax\"");
    assertThat(Files.readString(options.markdown())).contains("| record.lookup |");
  }
}
