package io.lethe.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The overhead of field encryption from {@link HttpLoad} reports: for each database, the
 * encrypted run against the plaintext one, as ratios where 1.00 means no cost (throughput
 * plaintext/encrypted, latency and server CPU per request encrypted/plaintext).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.lethe.benchmarks.HttpLoadComparison
 * REPORT.json...}; prints markdown.
 */
public final class HttpLoadComparison {

  static final double TARGET = 1.3;

  private HttpLoadComparison() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, Map<String, JsonNode>> byDb = new TreeMap<>();
    for (String file : args) {
      JsonNode run = json.readTree(Files.readString(Path.of(file)));
      byDb.computeIfAbsent(run.path("options").path("db").asText(), k -> new TreeMap<>())
          .put(run.path("options").path("codec").asText(), run);
    }
    StringBuilder md = new StringBuilder();
    byDb.forEach((db, runs) -> {
      JsonNode enc = runs.get("encrypted");
      JsonNode plain = runs.get("plaintext");
      if (enc == null || plain == null) {
        md.append("## ").append(db).append(": needs an encrypted and a plaintext run\n\n");
        return;
      }
      md.append(compare(db, enc, plain));
    });
    System.out.print(md);
  }

  static String compare(String db, JsonNode enc, JsonNode plain) {
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
        "## %s: encrypted vs plaintext (target: overhead <= %.1fx)%n%n", db, TARGET));
    md.append("| operation | encrypted /s | plaintext /s | throughput plain/enc | p50 enc/plain"
        + " | p95 enc/plain | p99 enc/plain |\n|---|---|---|---|---|---|---|\n");
    for (Iterator<String> it = enc.path("operations").fieldNames(); it.hasNext(); ) {
      String op = it.next();
      JsonNode e = enc.path("operations").path(op);
      JsonNode p = plain.path("operations").path(op);
      md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %s | %s | %s | %s |%n", op,
          e.path("perSecond").asDouble(), p.path("perSecond").asDouble(),
          ratio(p.path("perSecond"), e.path("perSecond")), ratio(e.path("p50"), p.path("p50")),
          ratio(e.path("p95"), p.path("p95")), ratio(e.path("p99"), p.path("p99"))));
    }
    JsonNode ef = enc.path("figures");
    JsonNode pf = plain.path("figures");
    md.append(String.format(Locale.ROOT, "%n| overall | encrypted | plaintext | overhead |%n"
        + "|---|---|---|---|%n"));
    md.append(row("successful requests/s", ef, pf, "requestsPerSecond", true));
    md.append(row("server CPU ms per request", ef, pf, "serverCpuMsPerRequest", false));
    md.append(row("failed requests", ef, pf, "errors", false));
    md.append(row("load average max", ef, pf, "loadAverageMax", false));
    return md.append('\n').toString();
  }

  private static String row(String label, JsonNode enc, JsonNode plain, String key,
      boolean higherIsBetter) {
    JsonNode e = enc.path(key);
    JsonNode p = plain.path(key);
    String overhead = key.equals("errors") || key.startsWith("loadAverage") ? ""
        : higherIsBetter ? ratio(p, e) : ratio(e, p);
    return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %s |%n", label, e.asDouble(),
        p.asDouble(), overhead);
  }

  private static String ratio(JsonNode numerator, JsonNode denominator) {
    double d = denominator.asDouble();
    return d == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", numerator.asDouble() / d);
  }
}
