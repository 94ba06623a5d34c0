package io.lethe.benchmarks;

import io.lethe.audit.outbox.OutboxStats;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Samples the shipping lag, the age of the oldest event still in the outbox (zero when it is
 * empty), every 100 ms: what an operator's lag metric would show.
 */
final class LagSampler implements AutoCloseable {

  private final OutboxStats stats;
  private final LoadLatencies lags = new LoadLatencies();
  private final LongAdder failures = new LongAdder();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "load-lag-sampler");
    t.setDaemon(true);
    return t;
  });

  LagSampler(OutboxStats stats) {
    this.stats = stats;
    timer.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
  }

  LoadLatencies lags() {
    return lags;
  }

  long failures() {
    return failures.sum();
  }

  private void sample() {
    try {
      Instant now = Instant.now();
      lags.add(stats.oldestWaiting().map(t -> Duration.between(t, now).toNanos())
          .map(n -> Math.max(0, n)).orElse(0L));
    } catch (RuntimeException e) {
      failures.increment();
    }
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdown();
    timer.awaitTermination(5, TimeUnit.SECONDS);
  }
}
