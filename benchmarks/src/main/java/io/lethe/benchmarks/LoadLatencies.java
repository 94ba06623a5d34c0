package io.lethe.benchmarks;

import java.util.Arrays;

/**
 * Durations in nanoseconds, recorded by many threads and read as percentiles. Every sample is
 * kept (a run records at most a few million), so percentiles are exact, not estimated.
 */
final class LoadLatencies {

  private long[] samples = new long[1 << 16];
  private int size;

  synchronized void add(long nanos) {
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = nanos;
  }

  synchronized void clear() {
    size = 0;
  }

  /** The percentiles in milliseconds: count, p50, p95, p99, max. */
  synchronized Summary summary() {
    long[] sorted = Arrays.copyOf(samples, size);
    Arrays.sort(sorted);
    return new Summary(size, ms(at(sorted, 0.50)), ms(at(sorted, 0.95)), ms(at(sorted, 0.99)),
        ms(size == 0 ? 0 : sorted[size - 1]));
  }

  record Summary(long count, double p50, double p95, double p99, double max) {}

  private static long at(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(rank, sorted.length - 1))];
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
