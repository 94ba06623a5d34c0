package io.lethe.benchmarks;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** The settings of one {@link AuditLoad} run, from {@code --name value} arguments. */
record LoadOptions(String db, String jdbcUrl, String jdbcUser, String esUrl, int esHeapMb,
    int writers, int batchSize, int seconds, int warmupSeconds, long shipIntervalMs,
    boolean groupCommit, Path output) {

  static final String DEFAULT_JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  LoadOptions {
    if (!db.equals("postgres") && !db.equals("h2")) {
      throw new IllegalArgumentException("--db is postgres or h2");
    }
    if (writers < 1 || batchSize < 1 || seconds < 1 || warmupSeconds < 0 || shipIntervalMs < 1) {
      throw new IllegalArgumentException("counts and durations must be positive");
    }
    if (db.equals("postgres")) {
      LoadArguments.requireLoopbackJdbc(jdbcUrl, "--jdbc-url");
    }
    if (esUrl != null) {
      LoadArguments.requireLoopback(java.net.URI.create(esUrl).getHost(), "--es-url");
    }
  }

  static LoadOptions parse(String[] args) {
    Map<String, String> a = LoadArguments.parse(args, Set.of("db", "jdbc-url", "jdbc-user",
        "es-url", "es-heap-mb", "writers", "batch-size", "seconds", "warmup", "ship-interval-ms",
        "access", "output"));
    String access = a.getOrDefault("access", "group");
    if (!access.equals("group") && !access.equals("inline")) {
      throw new IllegalArgumentException("--access is group or inline");
    }
    String db = a.getOrDefault("db", "postgres");
    return new LoadOptions(db, a.getOrDefault("jdbc-url", DEFAULT_JDBC_URL),
        a.getOrDefault("jdbc-user", "postgres"), a.get("es-url"),
        Integer.parseInt(a.getOrDefault("es-heap-mb", "1024")),
        Integer.parseInt(a.getOrDefault("writers", "8")),
        Integer.parseInt(a.getOrDefault("batch-size", "1000")),
        Integer.parseInt(a.getOrDefault("seconds", "30")),
        Integer.parseInt(a.getOrDefault("warmup", "10")),
        Long.parseLong(a.getOrDefault("ship-interval-ms", "1000")),
        access.equals("group"),
        Path.of(a.getOrDefault("output",
            Path.of(System.getProperty("java.io.tmpdir"), "audit-load-" + db + ".json").toString())));
  }
}
