package io.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline validation: no server, the server's own loaders, every problem with file and line. */
class ValidateFilesTest {

  @TempDir Path dir;

  @Test
  void builtInSchema_isValid() throws IOException {
    Path file = copy("/io/lethe/storage/schema/default-schema.yaml", "schema.yaml");
    Cli.Result r = Cli.withEnv(Map.of()).run("schema", "validate", file.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains("valid").contains("account");
  }

  @Test
  void brokenSchema_listsEachProblemWithFileAndLine_andExits2() throws IOException {
    Path file = dir.resolve("bad-schema.yaml");
    Files.writeString(file, """
        version: 1
        recordTypes:
          account:
            fields:
              name:
                category: no-such-category
        """);
    Cli.Result r = Cli.withEnv(Map.of()).run("schema", "validate", file.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(file + ":").containsPattern(":\\d+ ");
    assertThat(r.err()).contains("problem(s)");
  }

  @Test
  void builtInPolicy_isValid_andCoversTheBuiltInSchema() throws IOException {
    Path file = copy("/io/lethe/lifecycle/policy/default-policy.yaml", "policy.yaml");
    Cli.Result r = Cli.withEnv(Map.of()).run("policy", "validate", file.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains("valid, version 1").contains("biometric-transient");
  }

  @Test
  void brokenPolicy_listsEachProblem_andExits2() throws IOException {
    Path file = dir.resolve("bad-policy.yaml");
    Files.writeString(file, """
        version: 1
        retentionClasses:
          biometric-transient:
            period: ten minutes
            countedFrom: whenever
            action: shred
        """);
    Cli.Result r = Cli.withEnv(Map.of()).run("policy", "validate", file.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(file + ":4 [biometric-transient]");
    assertThat(r.err().lines().filter(l -> l.startsWith(file.toString() + ":")).count())
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void missingFile_exits2() {
    Cli.Result r = Cli.withEnv(Map.of()).run("schema", "validate", dir.resolve("no.yaml")
        .toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("lethe: usage:").hasLineCount(1);
  }

  private Path copy(String resource, String name) throws IOException {
    Path file = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      Files.copy(in, file);
    }
    return file;
  }
}
