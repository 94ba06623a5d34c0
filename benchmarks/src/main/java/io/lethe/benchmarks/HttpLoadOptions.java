package io.lethe.benchmarks;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** The settings of one {@link HttpLoad} run, from {@code --name value} arguments. */
record HttpLoadOptions(String db, String codec, int seconds, int warmupSeconds, int clients,
    int photoKb, int serverHeapMb, String jdbcUrl, String jdbcUser, Path serverJar,
    Path plaintextJar, Path output) {

  /** Connects to create and drop the run's database; the server gets one of its own. */
  static final String DEFAULT_JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

  HttpLoadOptions {
    if (!db.equals("postgres") && !db.equals("h2")) {
      throw new IllegalArgumentException("--db is h2 or postgres");
    }
    if (!codec.equals("encrypted") && !codec.equals("plaintext")) {
      throw new IllegalArgumentException("--codec is encrypted or plaintext");
    }
    if (seconds < 1 || warmupSeconds < 0 || clients < 1 || photoKb < 1 || serverHeapMb < 64) {
      throw new IllegalArgumentException("counts and durations must be positive");
    }
    if (db.equals("postgres")) {
      LoadArguments.requireLoopbackJdbc(jdbcUrl, "--jdbc-url");
    }
  }

  boolean plaintext() {
    return codec.equals("plaintext");
  }

  /** The markdown table goes next to the JSON. */
  Path markdown() {
    return besideOutput(".md");
  }

  /** The server's output, kept next to the JSON. */
  Path serverLog() {
    return besideOutput("-server.log");
  }

  private Path besideOutput(String suffix) {
    String name = output.getFileName().toString();
    return output.toAbsolutePath().resolveSibling(name.replaceFirst("\\.json$", "") + suffix);
  }

  /** The stand-in's jar as the benchmarks module builds it (ADR 0018). */
  private static Path builtPlaintextJar(Path serverJar) {
    // server/target/lethe-server.jar -> benchmarks/target
    Path dir = serverJar.getParent().getParent().resolveSibling("benchmarks").resolve("target");
    try (var jars = java.nio.file.Files.list(dir)) {
      return jars.filter(p -> p.getFileName().toString()
          .endsWith("-plaintext-field-encryption.jar")).findFirst().orElse(dir.resolve(
              "lethe-benchmarks-plaintext-field-encryption.jar"));
    } catch (java.io.IOException e) {
      return dir.resolve("lethe-benchmarks-plaintext-field-encryption.jar");
    }
  }

  static HttpLoadOptions parse(String[] args) {
    Map<String, String> a = LoadArguments.parse(args, Set.of("db", "codec", "seconds", "warmup",
        "clients", "photo-kb", "server-heap-mb", "jdbc-url", "jdbc-user", "server-jar",
        "plaintext-jar", "output"));
    String db = a.getOrDefault("db", "h2");
    String codec = a.getOrDefault("codec", "encrypted");
    Path serverJar = Path.of(a.getOrDefault("server-jar", "server/target/lethe-server.jar"));
    return new HttpLoadOptions(db, codec,
        Integer.parseInt(a.getOrDefault("seconds", "60")),
        Integer.parseInt(a.getOrDefault("warmup", "20")),
        Integer.parseInt(a.getOrDefault("clients", "8")),
        Integer.parseInt(a.getOrDefault("photo-kb", "300")),
        Integer.parseInt(a.getOrDefault("server-heap-mb", "1024")),
        a.getOrDefault("jdbc-url", DEFAULT_JDBC_URL), a.getOrDefault("jdbc-user", "postgres"),
        serverJar.toAbsolutePath().normalize(),
        a.containsKey("plaintext-jar") ? Path.of(a.get("plaintext-jar")).toAbsolutePath()
            : builtPlaintextJar(serverJar.toAbsolutePath().normalize()),
        Path.of(a.getOrDefault("output", Path.of(System.getProperty("java.io.tmpdir"),
            "http-load-" + db + "-" + codec + ".json").toString())));
  }
}
