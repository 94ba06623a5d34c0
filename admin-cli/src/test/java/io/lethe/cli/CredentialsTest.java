package io.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the key may come from, and where it may not: never a plain argument. */
class CredentialsTest {

  @TempDir Path dir;

  @Test
  void apiKeyAsAnArgument_isAUsageError_thatDoesNotEchoTheKey() {
    for (String[] args : new String[][] {{"subjects", "show", "--api-key", "secret-key", "x"},
        {"--api-key=secret-key", "holds", "list"}, {"holds", "list", "--token", "secret-key"}}) {
      Cli.Result r = Cli.withEnv(Map.of()).run(args);
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).contains("the API key is never taken as an argument")
          .doesNotContain("secret-key");
      assertThat(r.out()).doesNotContain("secret-key");
    }
  }

  @Test
  void noVisibleOption_takesAKeyValue() {
    Lethe lethe = new Lethe(Map.of(), System.in, java.time.Clock.systemUTC());
    picocli.CommandLine cl = new picocli.CommandLine(lethe);
    java.util.List<picocli.CommandLine> all = new java.util.ArrayList<>();
    collect(cl, all);
    for (picocli.CommandLine c : all) {
      for (picocli.CommandLine.Model.OptionSpec o : c.getCommandSpec().options()) {
        if (o.hidden()) {
          continue;
        }
        assertThat(o.longestName()).as(c.getCommandName()).doesNotContainIgnoringCase("api-key=")
            .isNotIn("--api-key", "--key", "--token", "--password");
      }
    }
  }

  @Test
  void noKeyConfigured_exits2_withHowToFixIt() {
    Cli.Result r = Cli.withEnv(Map.of("LETHE_CONFIG", dir.resolve("none").toString()))
        .run("holds", "list");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no API key: run 'lethe login'");
  }

  @Test
  void login_readsTheKeyFromStdin_andWritesAnOwnerOnlyConfig() throws IOException {
    Path config = dir.resolve("lethe/config");
    Cli.Result r = Cli.withEnv(Map.of("LETHE_CONFIG", config.toString())).stdin("k-123\n")
        .run("login", "--url", "http://lethe.example:8080", "--no-verify");
    assertThat(r.exit()).isEqualTo(0);
    assertThat(r.out()).contains("Logged in to http://lethe.example:8080").doesNotContain("k-123");
    assertThat(Files.getPosixFilePermissions(config))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    CliConfig read = CliConfig.read(config);
    assertThat(read.url()).contains("http://lethe.example:8080");
    assertThat(read.apiKey()).contains("k-123");
  }

  @Test
  void configReadableByOthers_isRefused() throws IOException {
    Path config = dir.resolve("config");
    CliConfig.write(config, "http://127.0.0.1:1", "k");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
    Cli.Result r = Cli.withEnv(Map.of("LETHE_CONFIG", config.toString())).run("holds", "list");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("chmod 600");
  }

  @Test
  void closedPort_exits6_inOneLine() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Cli.Result r = Cli.withEnv(Map.of("LETHE_API_KEY", "k"))
        .run("--url", "http://127.0.0.1:" + port, "holds", "list");
    assertThat(r.exit()).isEqualTo(6);
    assertThat(r.err()).startsWith("lethe: server.unreachable: cannot connect to http://127.0.0.1:")
        .hasLineCount(1);
  }

  @Test
  void globalOptions_mayFollowTheVerb() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path keyFile = dir.resolve("key");
    Files.writeString(keyFile, "k\n");
    Cli.Result r = Cli.withEnv(Map.of()).run("holds", "list", "--url",
        "http://127.0.0.1:" + port, "--api-key-file", keyFile.toString());
    assertThat(r.exit()).isEqualTo(6);
    assertThat(r.err()).contains("127.0.0.1:" + port);
  }

  @Test
  void debug_addsTheStackTrace() throws IOException {
    Cli.Result r = Cli.withEnv(Map.of("LETHE_API_KEY", "k"))
        .run("--debug", "--url", "http://127.0.0.1:1", "holds", "list");
    assertThat(r.exit()).isEqualTo(6);
    assertThat(r.err()).contains("at io.lethe.cli.");
  }

  @Test
  void version_printsTheBuildVersion() {
    Cli.Result r = Cli.withEnv(Map.of()).run("--version");
    assertThat(r.exit()).isEqualTo(0);
    assertThat(r.out()).startsWith("lethe 0.1.0");
  }

  @Test
  void completion_printsABashScript() {
    Cli.Result r = Cli.withEnv(Map.of()).run("completion");
    assertThat(r.exit()).isEqualTo(0);
    assertThat(r.out()).contains("complete -F").contains("holds");
  }

  private static void collect(picocli.CommandLine cl, java.util.List<picocli.CommandLine> all) {
    all.add(cl);
    cl.getSubcommands().values().forEach(s -> collect(s, all));
  }
}
