package io.lethe.benchmarks;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What each kind of request did: latencies of the successful ones, failures by HTTP status and
 * problem code (or {@code io} for a connection failure, {@code unexpected-answer} for a 2xx that did not say what
 * it should). Thread-safe.
 */
final class HttpOperations {

  /** One operation over the measured window. Latencies in milliseconds. */
  record Summary(String operation, long count, double perSecond, double p50, double p95,
      double p99, double max, Map<String, Long> errors) {
    long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static final class Operation {
    final LoadLatencies latencies = new LoadLatencies();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  }

  private final Map<String, Operation> operations = new ConcurrentHashMap<>();

  void succeeded(String operation, long nanos) {
    of(operation).latencies.add(nanos);
  }

  void failed(String operation, String why) {
    of(operation).errors.computeIfAbsent(why, k -> new LongAdder()).increment();
  }

  /** Forgets the warm-up; the operations seen so far stay listed, with zero counts. */
  void reset() {
    operations.values().forEach(o -> {
      o.latencies.clear();
      o.errors.clear();
    });
  }

  /** Every operation seen, by name, with its rate over {@code seconds}. */
  Map<String, Summary> summaries(double seconds) {
    Map<String, Summary> out = new TreeMap<>();
    operations.forEach((name, o) -> {
      LoadLatencies.Summary s = o.latencies.summary();
      Map<String, Long> errors = new TreeMap<>();
      o.errors.forEach((why, n) -> errors.put(why, n.sum()));
      out.put(name, new Summary(name, s.count(), s.count() / seconds, s.p50(), s.p95(), s.p99(),
          s.max(), errors));
    });
    return out;
  }

  private Operation of(String name) {
    return operations.computeIfAbsent(name, k -> new Operation());
  }
}
