package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Validates the production stack in {@code docker/} without a Docker engine: the compose file's
 * structure, that every server setting it sets is one the server reads, that the Dockerfile
 * packages with the README's command and runs as a non-root user, and (with Debian's
 * docker-compose installed, which {@code .ci/run} ensures) that {@code docker-compose config}
 * accepts the file. Paths are relative to the server module, the tests' working directory.
 */
class DockerStackTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path DOCKER = ROOT.resolve("docker");
  private static final Path COMPOSE = DOCKER.resolve("compose.yaml");
  private static final Path DOCKERFILE = DOCKER.resolve("Dockerfile");
  private static final Path ENTRYPOINT = DOCKER.resolve("lethe-entrypoint.sh");
  private static final Path ENV_EXAMPLE = DOCKER.resolve(".env.example");
  private static final Path APPLICATION_YAML =
      ROOT.resolve("server/src/main/resources/application.yaml");

  private static final String SERVER = "lethe";
  private static final Set<String> STACK = Set.of("postgres", "minio", "minio-init", "vault",
      "vault-init", "elasticsearch", SERVER);
  /** Where each stateful service keeps its data: each must be a named volume. */
  private static final Map<String, String> DATA_PATHS = Map.of(
      "postgres", "/var/lib/postgresql/data",
      "minio", "/data",
      "vault", "/vault/file",
      "elasticsearch", "/usr/share/elasticsearch/data",
      SERVER, "/var/lib/lethe");

  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|ACCESS_KEY|PASSPHRASE|ROOT_USER|ROLE_ID).*");
  /** A whole value that is one variable reference without a literal default. */
  private static final Pattern REFERENCE_ONLY =
      Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:?\\?[^}]*|:-|-)?}");
  private static final Pattern REFERENCE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern REQUIRED = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*):?\\?");
  private static final Pattern SERVER_VARIABLE = Pattern.compile("\\b((?:LETHE|JASYPT)_[A-Z0-9_]+)");

  // ------------------------------------------------------------------------------------------
  // (a) compose structure

  @Test
  void composeDefinesTheWholeStack() throws IOException {
    assertThat(services().keySet()).containsExactlyInAnyOrderElementsOf(STACK);
  }

  @Test
  void everyServiceHasAHealthCheckOrIsAOneShotTheServerWaitsToComplete() throws IOException {
    Map<String, Map<String, Object>> services = services();
    Map<String, String> serverWaitsFor = conditions(services.get(SERVER));
    for (var e : services.entrySet()) {
      Map<String, Object> service = e.getValue();
      if (service.containsKey("healthcheck")) {
        Map<String, Object> check = map(service.get("healthcheck"));
        assertThat(check.get("disable")).as(e.getKey() + " health check disabled").isNotEqualTo(true);
        assertThat(check.get("test")).as(e.getKey() + " health check test").isNotNull();
        assertThat(String.valueOf(check.get("test"))).as(e.getKey()).isNotBlank();
      } else {
        assertThat(String.valueOf(service.get("restart")))
            .as(e.getKey() + " has no health check, so it must be a one-shot (restart: \"no\")")
            .isEqualTo("no");
        assertThat(serverWaitsFor.get(e.getKey()))
            .as(e.getKey() + " is a one-shot: the server must wait for it to complete")
            .isEqualTo("service_completed_successfully");
      }
    }
  }

  @Test
  void serverDependsOnEveryOtherServiceWithAConditionThatFitsIt() throws IOException {
    Map<String, Map<String, Object>> services = services();
    Map<String, String> conditions = conditions(services.get(SERVER));
    Set<String> others = new TreeSet<>(services.keySet());
    others.remove(SERVER);
    assertThat(conditions.keySet()).containsExactlyInAnyOrderElementsOf(others);
    for (String other : others) {
      String expected = services.get(other).containsKey("healthcheck")
          ? "service_healthy" : "service_completed_successfully";
      assertThat(conditions.get(other)).as("condition on " + other).isEqualTo(expected);
    }
    // The one-shots wait for what they set up.
    assertThat(conditions(services.get("minio-init"))).containsEntry("minio", "service_healthy");
    assertThat(conditions(services.get("vault-init"))).containsKey("vault");
  }

  @Test
  void noSecretIsWrittenIntoTheComposeFile() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (var service : services().entrySet()) {
      for (var env : environment(service.getValue()).entrySet()) {
        if (SECRET_NAME.matcher(env.getKey()).matches()
            && !REFERENCE_ONLY.matcher(env.getValue().trim()).matches()) {
          offenders.add(service.getKey() + "." + env.getKey() + "=" + env.getValue());
        }
      }
    }
    assertThat(offenders).as("secrets must be ${VAR} references to docker/.env, with no literal"
        + " default").isEmpty();
  }

  @Test
  void envExampleHoldsPlaceholdersForEveryVariableAndTheRealEnvIsIgnored() throws IOException {
    String compose = Files.readString(COMPOSE);
    Map<String, String> example = envFile(ENV_EXAMPLE);
    Set<String> referenced = matches(REFERENCE, compose);
    Set<String> required = matches(REQUIRED, compose);
    assertThat(required).as("secrets are required variables").contains("POSTGRES_PASSWORD",
        "DB_PASSWORD", "MINIO_ROOT_PASSWORD", "S3_SECRET_KEY");
    assertThat(example.keySet()).as("docker/.env.example documents every variable")
        .containsAll(referenced);
    for (var e : example.entrySet()) {
      if (SECRET_NAME.matcher(e.getKey()).matches()) {
        assertThat(e.getValue()).as(e.getKey() + " in .env.example must be a placeholder")
            .satisfiesAnyOf(v -> assertThat(v).isEmpty(), v -> assertThat(v).startsWith("change-me"));
      }
    }
    assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).contains("docker/.env");
    assertThat(DOCKER.resolve(".env")).as("never commit docker/.env")
        .satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(gitTracked(p)).isFalse());
  }

  @Test
  void everyStatefulServiceKeepsItsDataInADeclaredVolumeAndBindMountsExist() throws IOException {
    Map<String, Object> compose = compose();
    Set<String> declared = map(compose.getOrDefault("volumes", Map.of())).keySet();
    Set<String> used = new TreeSet<>();
    for (var service : services().entrySet()) {
      for (String volume : strings(service.getValue().get("volumes"))) {
        String[] parts = volume.split(":");
        String source = parts[0];
        if (source.startsWith(".") || source.startsWith("/")) {
          assertThat(DOCKER.resolve(source).normalize()).as("bind mount of " + service.getKey())
              .exists();
        } else {
          used.add(source);
          assertThat(declared).as("volume " + source + " of " + service.getKey()).contains(source);
        }
      }
      String dataPath = DATA_PATHS.get(service.getKey());
      if (dataPath != null) {
        assertThat(strings(service.getValue().get("volumes")))
            .as(service.getKey() + " keeps " + dataPath + " in a named volume")
            .anyMatch(v -> !v.startsWith(".") && v.split(":")[1].equals(dataPath));
      }
    }
    assertThat(used).as("every declared volume is used").containsAll(declared);
  }

  @Test
  void imagesArePinnedAndElasticsearchIsTheTestedVersion() throws IOException {
    for (var service : services().entrySet()) {
      Object image = service.getValue().get("image");
      if (service.getValue().containsKey("build")) {
        continue;
      }
      assertThat(image).as(service.getKey() + " image").isNotNull();
      assertThat(image.toString()).as(service.getKey()).matches(".+:[^:/]+")
          .doesNotEndWith(":latest");
    }
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    Matcher m = Pattern.compile("<elasticsearch-server.version>([^<]+)<").matcher(pom);
    assertThat(m.find()).isTrue();
    assertThat(services().get("elasticsearch").get("image").toString()).endsWith(":" + m.group(1));

    Map<String, Object> build = map(services().get(SERVER).get("build"));
    Path context = DOCKER.resolve(build.get("context").toString()).normalize();
    assertThat(context).isEqualTo(ROOT);
    assertThat(context.resolve(build.get("dockerfile").toString())).isEqualTo(DOCKERFILE);
  }

  // ------------------------------------------------------------------------------------------
  // (b) the server's settings in the stack are settings the server reads

  @Test
  void everyServerSettingTheStackSetsIsOneTheServerReads() throws IOException {
    Set<String> names = serverVariables();
    assertThat(names).as("the stack configures the production setup")
        .contains("LETHE_DATABASE_URL", "LETHE_DATABASE_USERNAME", "LETHE_DATABASE_PASSWORD",
            "LETHE_S3_ENDPOINT", "LETHE_S3_ACCESS_KEY", "LETHE_S3_SECRET_KEY", "LETHE_S3_BUCKET",
            "LETHE_KEYS_PROVIDER", "LETHE_VAULT_ADDRESS", "LETHE_VAULT_ROLE_ID",
            "LETHE_VAULT_SECRET_ID", "LETHE_AUDIT_ES_MODE", "LETHE_AUDIT_ES_URL", "LETHE_ADDRESS",
            "LETHE_DATA_DIR");
    SettingNames settings = SettingNames.load();
    List<String> unknown = names.stream().filter(n -> !settings.reads(n)).toList();
    assertThat(unknown).as("environment variables the server does not read (not a ${NAME}"
        + " placeholder in application.yaml, nor a property in configuration metadata)").isEmpty();

    Map<String, String> env = environment(services().get(SERVER));
    assertThat(env).containsEntry("LETHE_KEYS_PROVIDER", "vault")
        .containsEntry("LETHE_AUDIT_ES_MODE", "external")
        .containsEntry("LETHE_ADDRESS", "0.0.0.0");
  }

  @Test
  void everyLetheSettingOfApplicationYamlIsInTheConfigurationMetadata() throws IOException {
    Map<String, Object> yaml;
    try (Reader r = Files.newBufferedReader(APPLICATION_YAML)) {
      yaml = new Yaml().load(r);
    }
    List<String> settings = new ArrayList<>();
    flatten("lethe", yaml.get("lethe"), settings);
    Set<String> metadata = SettingNames.load().metadataProperties();
    assertThat(settings).as("lethe.* settings in application.yaml").isNotEmpty();
    List<String> undocumented = settings.stream()
        .filter(s -> metadata.stream().noneMatch(m -> canonical(s).startsWith(m))).toList();
    assertThat(undocumented).as("settings missing from spring-configuration-metadata.json "
        + "(a component of LetheProperties)").isEmpty();
  }

  private static void flatten(String prefix, Object node, List<String> out) {
    if (node instanceof Map<?, ?> children) {
      children.forEach((k, v) -> flatten(prefix + "." + k, v, out));
    } else {
      out.add(prefix);
    }
  }

  private static String canonical(String setting) {
    return setting.replace("-", "").toLowerCase();
  }

  @Test
  void theSettingCheckRejectsNamesTheServerDoesNotRead() throws IOException {
    SettingNames settings = SettingNames.load();
    assertThat(settings.reads("LETHE_S3_ENDPOINT")).isTrue();
    assertThat(settings.reads("JASYPT_ENCRYPTOR_PASSWORD")).isTrue();
    assertThat(settings.reads("LETHE_S3_URL")).isFalse();
    assertThat(settings.reads("LETHE_VAULT_APPROLE_ID")).isFalse();
    assertThat(settings.reads("JASYPT_PASSWORD")).isFalse();
    assertThat(settings.reads("LETHE_DATA")).as("a prefix of a real name").isFalse();
  }

  // ------------------------------------------------------------------------------------------
  // (c) the Dockerfile

  @Test
  void dockerfileBuildsWithTheSameMavenCommandAsTheReadme() throws IOException {
    List<List<String>> stages = dockerfileStages();
    List<String> build = stages.get(0);
    assertThat(build.get(0)).startsWith("FROM eclipse-temurin:17-jdk");
    List<String> runs = build.stream()
        .filter(i -> i.startsWith("RUN ") && i.contains("mvnw")).toList();
    assertThat(runs).hasSize(1);
    List<String> dockerCommand = mavenCommand(runs.get(0));

    String readmeLine = Files.readAllLines(ROOT.resolve("README.md")).stream()
        .filter(l -> l.contains("./mvnw") && l.contains(" package")).findFirst()
        .orElseThrow(() -> new AssertionError("README has no ./mvnw ... package command"));
    List<String> readmeCommand = mavenCommand(readmeLine);
    assertThat(dockerCommand).as("Dockerfile vs README (output flags -q aside)")
        .isEqualTo(readmeCommand)
        .containsSubsequence("-pl", "server", "-am", "package", "-DskipTests");
    assertThat(Files.readAllLines(DOCKERFILE)).as("a comment names the command")
        .anyMatch(l -> l.startsWith("#") && l.contains(String.join(" ", dockerCommand)));
  }

  @Test
  void dockerfileRunsTheJarAsAFixedNonRootUserWithAHealthCheck() throws IOException {
    List<List<String>> stages = dockerfileStages();
    List<String> runtime = stages.get(stages.size() - 1);
    assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
    assertThat(runtime.get(0)).startsWith("FROM eclipse-temurin:17-jre");

    List<String> users = runtime.stream().filter(i -> i.startsWith("USER ")).toList();
    assertThat(users).as("the runtime stage sets a user").isNotEmpty();
    String user = users.get(users.size() - 1).substring(5).trim().split(":")[0];
    assertThat(user).as("runtime user").isNotIn("root", "0").matches("\\d+");
    assertThat(Integer.parseInt(user)).isGreaterThanOrEqualTo(1000);
    assertThat(environment(services().get("vault-init")).get("APP_UID"))
        .as("vault-init hands the AppRole files to the image's uid").isEqualTo(user);

    String healthcheck = only(runtime, "HEALTHCHECK ");
    assertThat(healthcheck).contains("http://127.0.0.1:8080/actuator/health");
    assertThat(only(runtime, "EXPOSE ")).isEqualTo("EXPOSE 8080");
    Map<String, String> env = dockerfileEnv(runtime);
    assertThat(env).containsEntry("LETHE_ADDRESS", "0.0.0.0")
        .containsEntry("LETHE_AUDIT_ES_MODE", "external");
    assertThat(env.get("JAVA_OPTS")).contains("-XX:MaxRAMPercentage=");

    String pom = Files.readString(ROOT.resolve("server/pom.xml"));
    assertThat(pom).contains("<finalName>lethe-server</finalName>");
    assertThat(runtime).anyMatch(i -> i.startsWith("COPY --from=build ")
        && i.contains("/server/target/lethe-server.jar"));
    assertThat(only(runtime, "ENTRYPOINT ")).contains("lethe-entrypoint.sh");
    assertThat(runtime).anyMatch(i -> i.startsWith("COPY ") && i.contains("docker/lethe-entrypoint.sh"));
    assertThat(ENTRYPOINT).exists();
  }

  @Test
  void shellScriptsParse() throws Exception {
    List<Path> scripts;
    try (Stream<Path> files = Files.walk(DOCKER)) {
      scripts = files.filter(p -> p.toString().endsWith(".sh")).sorted().toList();
    }
    assertThat(scripts).contains(ENTRYPOINT, DOCKER.resolve("vault/init.sh"),
        DOCKER.resolve("minio/init.sh"));
    for (Path script : scripts) {
      Result r = run(List.of("sh", "-n", script.toString()), Map.of());
      assertThat(r.exit).as("sh -n " + script + "\n" + r.output).isZero();
    }
  }

  // ------------------------------------------------------------------------------------------
  // docker-compose config (Debian's docker-compose 1.29, no engine needed)

  @Test
  void dockerComposeAcceptsTheFileWithTheExampleEnvAndRefusesItWithoutSecrets() throws Exception {
    Optional<Path> dockerCompose = onPath("docker-compose");
    if (dockerCompose.isEmpty()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("docker-compose is not installed but CI=true: the compose file would go unchecked."
            + " .ci/run installs it (apt-get install docker-compose)");
      }
      assumeTrue(false, "docker-compose is not installed; `docker-compose config` not run");
    }
    // Variables of the test's own environment must not stand in for the env file.
    Map<String, String> unset = new LinkedHashMap<>();
    for (String name : matches(REFERENCE, Files.readString(COMPOSE))) {
      unset.put(name, null);
    }
    unset.put("COMPOSE_PROJECT_NAME", null);
    unset.put("COMPOSE_FILE", null);

    Result ok = run(List.of(dockerCompose.get().toString(), "-f", COMPOSE.toString(),
        "--env-file", ENV_EXAMPLE.toString(), "config", "-q"), unset);
    assertThat(ok.exit).as("docker-compose config -q:\n" + ok.output).isZero();

    Path empty = Files.createTempFile("lethe-empty", ".env");
    try {
      Result missing = run(List.of(dockerCompose.get().toString(), "-f", COMPOSE.toString(),
          "--env-file", empty.toString(), "config", "-q"), unset);
      assertThat(missing.exit).as("without secrets the stack must refuse to start").isNotZero();
      assertThat(missing.output).contains("in docker/.env");
    } finally {
      Files.deleteIfExists(empty);
    }
  }

  // ------------------------------------------------------------------------------------------
  // helpers

  /** Environment variable names the server reads: ${NAME} placeholders, or relaxed binding. */
  record SettingNames(String applicationYaml, Set<String> metadataProperties) {

    static SettingNames load() throws IOException {
      Set<String> properties = new TreeSet<>();
      Pattern name = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");
      Enumeration<URL> resources = DockerStackTest.class.getClassLoader()
          .getResources("META-INF/spring-configuration-metadata.json");
      while (resources.hasMoreElements()) {
        try (InputStream in = resources.nextElement().openStream()) {
          Matcher m = name.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          while (m.find()) {
            properties.add(m.group(1).replace("-", "").toLowerCase());
          }
        }
      }
      return new SettingNames(Files.readString(APPLICATION_YAML), properties);
    }

    /**
     * Lethe's own settings map environment variables explicitly ({@code ${LETHE_X:default}} in
     * application.yaml); other libraries' (Jasypt) bind by Spring's relaxed rules to a property
     * listed in their configuration metadata.
     */
    boolean reads(String variable) {
      if (variable.startsWith("LETHE_")) {
        return applicationYaml.contains("${" + variable + ":")
            || applicationYaml.contains("${" + variable + "}");
      }
      return metadataProperties.contains(variable.toLowerCase().replace('_', '.'));
    }
  }

  private static Set<String> serverVariables() throws IOException {
    Set<String> names = new TreeSet<>();
    environment(services().get(SERVER)).keySet().stream()
        .filter(n -> SERVER_VARIABLE.matcher(n).matches()).forEach(names::add);
    names.addAll(matches(SERVER_VARIABLE, Files.readString(ENTRYPOINT)));
    List<List<String>> stages = dockerfileStages();
    dockerfileEnv(stages.get(stages.size() - 1)).keySet().stream()
        .filter(n -> SERVER_VARIABLE.matcher(n).matches()).forEach(names::add);
    return names;
  }

  private static Map<String, Object> compose() throws IOException {
    try (Reader r = Files.newBufferedReader(COMPOSE)) {
      return new Yaml().load(r);
    }
  }

  private static Map<String, Map<String, Object>> services() throws IOException {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    map(compose().get("services")).forEach((k, v) -> out.put(k, map(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  private static List<String> strings(Object o) {
    if (o == null) {
      return List.of();
    }
    assertThat(o).isInstanceOf(List.class);
    return ((List<?>) o).stream().map(String::valueOf).toList();
  }

  /** depends_on as service → condition (short form counts as service_started). */
  private static Map<String, String> conditions(Map<String, Object> service) {
    Object deps = service.get("depends_on");
    Map<String, String> out = new LinkedHashMap<>();
    if (deps instanceof List<?> list) {
      list.forEach(d -> out.put(String.valueOf(d), "service_started"));
    } else if (deps != null) {
      map(deps).forEach((k, v) -> out.put(k, String.valueOf(map(v).get("condition"))));
    }
    return out;
  }

  private static Map<String, String> environment(Map<String, Object> service) {
    Object env = service.get("environment");
    Map<String, String> out = new LinkedHashMap<>();
    if (env instanceof List<?> list) {
      for (Object item : list) {
        String s = String.valueOf(item);
        int eq = s.indexOf('=');
        out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
      }
    } else if (env != null) {
      map(env).forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
    }
    return out;
  }

  private static Map<String, String> envFile(Path file) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      String l = line.trim();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int eq = l.indexOf('=');
      assertThat(eq).as("line of " + file + ": " + line).isPositive();
      out.put(l.substring(0, eq), l.substring(eq + 1));
    }
    return out;
  }

  private static Set<String> matches(Pattern p, String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Instructions per stage, continuation lines joined, comments dropped. */
  private static List<List<String>> dockerfileStages() throws IOException {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(DOCKERFILE)) {
      String t = line.trim();
      if (t.startsWith("#") || (t.isEmpty() && current.length() == 0)) {
        continue;
      }
      boolean continued = t.endsWith("\\");
      current.append(continued ? t.substring(0, t.length() - 1) : t).append(' ');
      if (!continued) {
        instructions.add(current.toString().replaceAll("\\s+", " ").trim());
        current.setLength(0);
      }
    }
    List<List<String>> stages = new ArrayList<>();
    for (String i : instructions) {
      if (i.startsWith("FROM ")) {
        stages.add(new ArrayList<>());
      }
      assertThat(stages).as("instruction before FROM: " + i).isNotEmpty();
      stages.get(stages.size() - 1).add(i);
    }
    return stages;
  }

  private static String only(List<String> stage, String prefix) {
    List<String> found = stage.stream().filter(i -> i.startsWith(prefix)).toList();
    assertThat(found).as(prefix.trim()).hasSize(1);
    return found.get(0);
  }

  private static Map<String, String> dockerfileEnv(List<String> stage) {
    Map<String, String> env = new LinkedHashMap<>();
    Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)");
    for (String i : stage) {
      if (i.startsWith("ENV ")) {
        Matcher m = pair.matcher(i.substring(4));
        while (m.find()) {
          env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
        }
      }
    }
    return env;
  }

  /** The ./mvnw invocation in a shell line, up to && or ;, without log-level-only flags. */
  private static List<String> mavenCommand(String line) {
    List<String> tokens = Arrays.asList(line.trim().split("\\s+"));
    int start = tokens.indexOf("./mvnw");
    assertThat(start).as("./mvnw in: " + line).isNotNegative();
    List<String> out = new ArrayList<>();
    for (String t : tokens.subList(start, tokens.size())) {
      if (t.equals("&&") || t.equals(";") || t.equals("||")) {
        break;
      }
      if (!t.equals("-q") && !t.equals("--quiet")) {
        out.add(t);
      }
    }
    return out;
  }

  private static boolean gitTracked(Path p) {
    try {
      return run(List.of("git", "ls-files", "--error-unmatch", ROOT.relativize(p).toString()),
          Map.of()).exit == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static Optional<Path> onPath(String command) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Arrays.stream(path.split(java.io.File.pathSeparator))
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, command))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command, Map<String, String> env) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile())
        .redirectErrorStream(true);
    env.forEach((k, v) -> {
      if (v == null) {
        pb.environment().remove(k);
      } else {
        pb.environment().put(k, v);
      }
    });
    Process p = pb.start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, output + "\n(timed out)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return new Result(-1, output + "\n(interrupted)");
    }
    return new Result(p.exitValue(), output);
  }
}
