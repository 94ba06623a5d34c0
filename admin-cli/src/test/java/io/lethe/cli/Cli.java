package io.lethe.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code lethe} in process with a given environment; captures stdout, stderr and exit. */
final class Cli {

  record Result(int exit, String out, String err) {}

  private final Map<String, String> env = new HashMap<>();
  private String stdin = "";
  private Clock clock = Clock.systemUTC();

  static Cli withEnv(Map<String, String> env) {
    Cli cli = new Cli();
    cli.env.putAll(env);
    return cli;
  }

  Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Cli stdin(String text) {
    this.stdin = text;
    return this;
  }

  Cli clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Lethe lethe = new Lethe(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        clock);
    int exit = new CommandLine(lethe).setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true)).execute(args);
    return new Result(exit, out.toString(), err.toString());
  }
}
