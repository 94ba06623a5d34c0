package io.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code lethe subjects export} does to the file system before and when the server fails. */
class SubjectExportCommandTest {

  @TempDir Path dir;

  @Test
  void anExistingFile_isKept_withoutForce_andNothingIsAsked() throws IOException {
    Path out = Files.writeString(dir.resolve("old.zip"), "keep me");
    Cli.Result r = cli().run("subjects", "export", "6b3c1a1e-0000-4000-8000-000000000001",
        "--purpose", "data-subject-request", "--out", out.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("exists; add --force");
    assertThat(Files.readString(out)).isEqualTo("keep me");
  }

  @Test
  void aFailedDownload_leavesNoFileBehind_andKeepsTheOldOne_evenWithForce() throws IOException {
    Path out = Files.writeString(dir.resolve("old.zip"), "keep me");
    Cli.Result r = cli().run("subjects", "export", "6b3c1a1e-0000-4000-8000-000000000001",
        "--purpose", "data-subject-request", "--out", out.toString(), "--force");
    assertThat(r.exit()).isEqualTo(6);
    assertThat(Files.readString(out)).isEqualTo("keep me");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "old.zip", "config");
    }
  }

  @Test
  void purposeAndOut_areRequired() throws IOException {
    Cli.Result r = cli().run("subjects", "export", "6b3c1a1e-0000-4000-8000-000000000001");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--purpose").contains("--out");
  }

  /** A configured key and a server address where nothing listens. */
  private Cli cli() throws IOException {
    Path config = dir.resolve("config");
    CliConfig.write(config, "http://127.0.0.1:" + freePort(), "k-test");
    return Cli.withEnv(Map.of("LETHE_CONFIG", config.toString()));
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
