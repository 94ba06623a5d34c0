package io.lethe.cli;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a program in a pseudo-terminal through util-linux {@code script} (Debian's bsdutils, which
 * {@code .ci/run} installs if missing) and returns the raw bytes the terminal received: carriage
 * returns, escape sequences and all, with line feeds as the pty sends them ({@code \r\n}).
 */
final class Terminal {

  record Session(int exit, String output) {}

  private Terminal() {}

  static Session run(Path workDir, Map<String, String> env, Path program, String... args)
      throws Exception {
    requireScript();
    List<String> words = new ArrayList<>();
    words.add(program.toString());
    words.addAll(List.of(args));
    String command = words.stream().map(Terminal::quote).collect(Collectors.joining(" "));
    // -q: no "Script started" lines; -e: script exits with the program's code; the typescript
    // goes to /dev/null because the terminal's output also comes out on script's stdout.
    ProcessBuilder builder = new ProcessBuilder("script", "-q", "-e", "-c", command, "/dev/null")
        .directory(workDir.toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().keySet().removeIf(name -> name.startsWith("LETHE_"));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("TERM", "xterm");
    builder.environment().putAll(env);
    Process process = builder.start();
    CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
      try {
        return process.getInputStream().readAllBytes();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail("still running after 3 minutes: " + command);
    }
    return new Session(process.exitValue(),
        new String(output.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8));
  }

  /** Missing script fails the run under CI (the check would silently vanish), else skips. */
  private static void requireScript() {
    boolean found = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .stream().anyMatch(dir -> Files.isExecutable(Path.of(dir, "script")));
    if (!found && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("util-linux script (Debian package bsdutils) is not installed but CI=true: the"
          + " progress bar would go untested in a terminal. Install it: apt-get install bsdutils");
    }
    assumeTrue(found, "util-linux script is not installed; the terminal test is skipped");
  }

  private static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
