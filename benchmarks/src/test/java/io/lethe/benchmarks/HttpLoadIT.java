package io.lethe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run of the load against the packaged server on its embedded default: every operation
 * of the mix happened and none failed. No timing is asserted; the figures are for the real run.
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

    Map<String, HttpOperations.Summary> operations = HttpLoad.run(options);

    assertThat(operations).containsKeys("subject.create", "record.create.account",
        "record.create.vehicle", "record.create.accident", "object.upload", "record.read",
        "record.lookup", "subject.export", "audit.search");
    assertThat(operations.values()).allSatisfy(s -> {
      assertThat(s.errors()).as("failures of %s", s.operation()).isEmpty();
      assertThat(s.count()).as("successes of %s", s.operation()).isPositive();
    });
    assertThat(Files.readString(output)).contains("\"operations\"", "\"serverCpuCores\"",
        "\"loadAverageMax\"");
    assertThat(Files.readString(options.markdown())).contains("| record.lookup |");
  }
}
