package io.lethe.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * End-to-end load over HTTP: the packaged server started here as a child process (H2 or a fresh
 * PostgreSQL database; fields encrypted, or the plaintext stand-in of ADR 0018), N clients on
 * loopback running {@link HttpLoadClient}'s mix for a warm-up and then a measured window. Reports
 * per operation count, rate, p50/p95/p99 and failures by status, the server's CPU time and
 * memory, its Elasticsearch node's, and the load average; JSON and a markdown table.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.lethe.benchmarks.HttpLoad [--db
 * h2|postgres] [--codec encrypted|plaintext] [--seconds 60] [--warmup 20] [--clients 8]
 * [--photo-kb 300] [--server-heap-mb 1024] [--jdbc-url URL] [--server-jar FILE]
 * [--plaintext-jar FILE] [--output FILE.json]}
 */
public final class HttpLoad {

  private HttpLoad() {}

  public static void main(String[] args) throws Exception {
    HttpLoadOptions options = HttpLoadOptions.parse(args);
    run(options);
    System.out.println("JSON: " + options.output().toAbsolutePath());
    System.out.println("Markdown: " + options.markdown().toAbsolutePath());
  }

  /** Each operation once before the load, and the measured window. */
  record Result(Map<String, HttpOperations.Summary> primed,
      Map<String, HttpOperations.Summary> measured) {}

  /** One run; its summaries, also written to the report files. */
  static Result run(HttpLoadOptions o) throws Exception {
    LoadReport report = new LoadReport(o);
    try (HttpLoadServer server = HttpLoadServer.start(o)) {
      HttpLoadApi api = new HttpLoadApi(server.url(), server.adminKey());
      awaitAuditIndex(api);
      boolean exports = api.hasEndpoint("/v1/subjects/{id}/export");
      report.note("subjectExport", exports ? "in the mix" : "not on this server: reads instead");
      SplittableRandom random = new SplittableRandom();
      List<byte[]> photos = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        photos.add(SyntheticData.photo(random, o.photoKb()));
      }
      HttpOperations operations = new HttpOperations();
      HttpLoadCorpus corpus = new HttpLoadCorpus();
      AtomicBoolean running = new AtomicBoolean(true);
      HttpOperations primed = new HttpOperations();
      new HttpLoadClient(api, corpus, primed, exports, photos, running, random.nextLong())
          .primeEveryOperation();
      List<Thread> clients = new ArrayList<>();
      for (int i = 0; i < o.clients(); i++) {
        Thread t = new Thread(new HttpLoadClient(api, corpus, operations, exports, photos,
            running, random.nextLong()), "http-load-" + i);
        t.setDaemon(true);
        t.start();
        clients.add(t);
      }
      Thread.sleep(o.warmupSeconds() * 1000L);
      operations.reset();
      Measured m = measure(o, server, operations);
      running.set(false);
      for (Thread t : clients) {
        t.join(120_000);
      }
      Map<String, HttpOperations.Summary> primedSummaries = primed.summaries(1);
      ObjectMapper json = new ObjectMapper();
      primedSummaries.forEach((name, summary) -> report.section("primed").set(name,
          json.valueToTree(summary)));
      report(report, o, m);
      return new Result(primedSummaries, m.operations());
    }
  }

  /**
   * The server answers before its Elasticsearch node does (a loaded machine can take minutes);
   * audit searches fail until then, so the load starts when the node is up.
   */
  private static void awaitAuditIndex(HttpLoadApi api) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (!api.health("auditShipping").equals("UP")) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the server's Elasticsearch node was not up after 10"
            + " minutes (component auditShipping of /actuator/health)");
      }
      Thread.sleep(1000);
    }
  }

  /** What the measured window saw; CPU in cores (CPU seconds per second of wall time). */
  private record Measured(double seconds, Map<String, HttpOperations.Summary> operations,
      double serverCores, double nodeCores, double loadCores, double serverRssMb,
      double serverPeakRssMb, double nodeRssMb, DoubleSummaryStatistics loadAverage) {}

  private static Measured measure(HttpLoadOptions o, HttpLoadServer server,
      HttpOperations operations) throws InterruptedException {
    long self = ProcessHandle.current().pid();
    DoubleSummaryStatistics loadAverage = new DoubleSummaryStatistics();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(() -> {
      synchronized (loadAverage) {
        loadAverage.accept(ProcStats.loadAverage());
      }
    }, 0, 1, TimeUnit.SECONDS);
    double server0 = ProcStats.cpuSeconds(server.pid());
    double node0 = childCpu(server);
    double self0 = ProcStats.cpuSeconds(self);
    long start = System.nanoTime();
    Thread.sleep(o.seconds() * 1000L);
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, HttpOperations.Summary> summaries = operations.summaries(seconds);
    double serverCores = (ProcStats.cpuSeconds(server.pid()) - server0) / seconds;
    double nodeCores = (childCpu(server) - node0) / seconds;
    double selfCores = (ProcStats.cpuSeconds(self) - self0) / seconds;
    sampler.shutdownNow();
    double nodeRss = server.childPids().stream()
        .mapToDouble(p -> ProcStats.memoryMb(p, "VmRSS")).sum();
    synchronized (loadAverage) {
      return new Measured(seconds, summaries, serverCores, nodeCores, selfCores,
          ProcStats.memoryMb(server.pid(), "VmRSS"), ProcStats.memoryMb(server.pid(), "VmHWM"),
          nodeRss, loadAverage);
    }
  }

  private static double childCpu(HttpLoadServer server) {
    return server.childPids().stream().mapToDouble(ProcStats::cpuSeconds).sum();
  }

  private static void report(LoadReport report, HttpLoadOptions o, Measured m) throws Exception {
    long requests = m.operations().values().stream().mapToLong(HttpOperations.Summary::count)
        .sum();
    long errors = m.operations().values().stream()
        .mapToLong(HttpOperations.Summary::errorCount).sum();
    ObjectMapper json = new ObjectMapper();
    m.operations().forEach((name, s) -> report.section("operations").set(name,
        json.valueToTree(s)));
    report.figure("seconds", "measured window", m.seconds(), "s", null);
    report.figure("requestsPerSecond", "successful requests, all operations", requests
        / m.seconds(), "req/s", null);
    report.figure("errors", "failed requests", errors, "", "0");
    report.figure("serverCpuCores", "server JVM CPU (user+system) / wall time", m.serverCores(),
        "cores", null);
    report.figure("serverCpuMsPerRequest", "server JVM CPU per successful request",
        requests == 0 ? 0 : m.serverCores() * m.seconds() * 1000 / requests, "ms", null);
    report.figure("serverRssMb", "server JVM resident memory at the end", m.serverRssMb(), "MiB",
        null);
    report.figure("serverPeakRssMb", "server JVM peak resident memory", m.serverPeakRssMb(), "MiB",
        null);
    report.figure("elasticsearchCpuCores", "server's Elasticsearch node CPU / wall time",
        m.nodeCores(), "cores", null);
    report.figure("elasticsearchRssMb", "server's Elasticsearch node resident memory",
        m.nodeRssMb(), "MiB", null);
    report.figure("loadGeneratorCpuCores", "this load generator's CPU / wall time", m.loadCores(),
        "cores", null);
    report.figure("loadAverageMin", "load average (1 min) during the window, min",
        m.loadAverage().getMin(), "", null);
    report.figure("loadAverageMax", "load average (1 min) during the window, max",
        m.loadAverage().getMax(), "", null);
    report.loadAverage("end");
    report.print(System.out);
    report.write(o.output());
    Files.writeString(o.markdown(), markdown(o, m, report));
    System.out.print(operationsTable(m.operations()));
  }

  private static String markdown(HttpLoadOptions o, Measured m, LoadReport report) {
    return String.format(Locale.ROOT, "# HTTP load: %s, %s, %d clients, %.0f s measured after"
        + " %d s warm-up%n%n", o.db(), o.codec(), o.clients(), m.seconds(), o.warmupSeconds())
        + operationsTable(m.operations()) + "\n" + report.markdownFigures();
  }

  static String operationsTable(Map<String, HttpOperations.Summary> operations) {
    StringBuilder md = new StringBuilder("| operation | count | per s | p50 ms | p95 ms | p99 ms"
        + " | max ms | errors |\n|---|---|---|---|---|---|---|---|\n");
    for (HttpOperations.Summary s : operations.values()) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.2f | %.2f | %.2f | %.2f | %s |%n",
          s.operation(), s.count(), s.perSecond(), s.p50(), s.p95(), s.p99(), s.max(),
          s.errors().isEmpty() ? "0" : s.errors().toString()));
    }
    return md.toString();
  }
}
