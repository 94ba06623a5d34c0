package io.lethe.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code lethe} command. Global options are inherited by every subcommand, so they may come
 * before or after the verb. Exit codes: see {@link ExitCodes}.
 */
@Command(name = "lethe", mixinStandardHelpOptions = true, versionProvider = Lethe.Version.class,
    description = "Administers a Lethe server: subjects, records, legal holds, lifecycle jobs,"
        + " the audit trail, keys and principals.",
    subcommands = {LoginCommand.class, SubjectsCommand.class, RecordsCommand.class,
        HoldsCommand.class, JobsCommand.class, AuditCommand.class, KeysCommand.class,
        PrincipalsCommand.class, SchemaCommand.class, PolicyCommand.class, SecretsCommand.class,
        CompletionCommand.class},
    footer = {"", "Exit codes: 0 ok, 1 server-side failure, 2 usage, 3 not found, 4 denied,"
        + " 5 conflict (e.g. held), 6 server unreachable.",
        "The API key comes from --api-key-file, LETHE_API_KEY or the config file written by"
        + " 'lethe login'; never from the command line."})
public final class Lethe implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Server URL (default: LETHE_URL, the config file, or http://127.0.0.1:8080).")
  String url;

  @Option(names = "--api-key-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "Read the API key from this file.")
  Path apiKeyFile;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "On errors, show the request id and the stack trace.")
  boolean debug;

  @Option(names = "--local", scope = ScopeType.INHERIT,
      description = "Show times in this machine's time zone (ISO-8601 with the offset) rather"
          + " than UTC. JSON output stays UTC, as the server sent it.")
  boolean local;

  /** Refuses a key on the command line without echoing it: it would be in ps and history. */
  @Option(names = {"--api-key", "--token", "--key"}, hidden = true, arity = "0..1",
      scope = ScopeType.INHERIT, paramLabel = "(refused)")
  void refuseKeyArgument(String ignored) {
    throw new CommandLine.ParameterException(spec.commandLine(), "the API key is never taken as"
        + " an argument (it would show in ps and shell history): use LETHE_API_KEY,"
        + " --api-key-file FILE, or 'lethe login'");
  }

  final Map<String, String> env;
  final InputStream stdin;
  final Clock clock;

  public Lethe() {
    this(System.getenv(), System.in, Clock.systemDefaultZone());
  }

  /** For tests: a given environment, standard input and clock (whose zone is the local one). */
  Lethe(Map<String, String> env, InputStream stdin, Clock clock) {
    this.env = Map.copyOf(env);
    this.stdin = stdin;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Lethe()).execute(args));
  }

  /** Where printed times are shown: the clock's zone (the system's) with --local, else UTC. */
  ZoneId outputZone() {
    return local ? clock.getZone() : ZoneOffset.UTC;
  }

  /** The server URL: --url, then LETHE_URL, then the config file, then the local default. */
  String serverUrl() {
    if (url != null && !url.isBlank()) {
      return url;
    }
    String fromEnv = env.get("LETHE_URL");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    return config().url().orElse("http://127.0.0.1:8080");
  }

  /** The API key: --api-key-file, then LETHE_API_KEY, then the config file (if 0600). */
  String apiKey() {
    if (apiKeyFile != null) {
      try {
        String key = java.nio.file.Files.readString(apiKeyFile).trim();
        if (key.isEmpty()) {
          throw new UsageException("the API key file " + apiKeyFile + " is empty");
        }
        return key;
      } catch (IOException e) {
        throw new UsageException("cannot read the API key file " + apiKeyFile);
      }
    }
    String fromEnv = env.get("LETHE_API_KEY");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.trim();
    }
    CliConfig config = config();
    if (config.apiKey().isPresent() && config.tooOpen()) {
      throw new UsageException("the config file " + config.file() + " may be read by others; "
          + "run: chmod 600 " + config.file());
    }
    return config.apiKey().orElseThrow(() -> new UsageException("no API key: run 'lethe login',"
        + " set LETHE_API_KEY, or pass --api-key-file FILE"));
  }

  ApiClient api() {
    return new ApiClient(serverUrl(), apiKey());
  }

  CliConfig config() {
    return CliConfig.read(CliConfig.location(env));
  }

  /** The version from the jar's build, filtered into a resource. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties p = new Properties();
      try (InputStream in = Lethe.class.getResourceAsStream("/lethe-cli.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        // reported as unknown below
      }
      return new String[] {"lethe " + p.getProperty("version", "unknown"),
          "Java " + System.getProperty("java.version")};
    }
  }
}
