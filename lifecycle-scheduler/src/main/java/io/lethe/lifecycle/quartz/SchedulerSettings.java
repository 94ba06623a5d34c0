package io.lethe.lifecycle.quartz;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the Quartz cluster runs.
 *
 * @param clusterName the Quartz scheduler name, the same on every node sharing the database
 * @param instanceId this node's id, unique in the cluster; {@code AUTO} lets Quartz pick one
 * @param threads worker threads; each job runs on at most one thread of the whole cluster
 * @param cronByJob Quartz cron expressions by job name, e.g. {@code retention-sweep ->
 *     "0 15 3 * * ?"}; jobs without an entry run only on demand
 * @param checkinInterval how often a node tells the others it is alive; a node silent for
 *     longer is taken for dead and its running jobs are recovered elsewhere
 * @param abandonedAfter at start, a RUNNING run whose last batch committed longer ago than this
 *     is taken for abandoned by a dead node: it is failed and a new run takes its work up. Must
 *     exceed the longest batch (an erasure batch retrying an unreachable object store included)
 */
public record SchedulerSettings(String clusterName, String instanceId, int threads,
    Map<String, String> cronByJob, Duration checkinInterval, Duration abandonedAfter) {

  /** The default time after which a silent run is taken for abandoned. */
  public static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

  public SchedulerSettings {
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(checkinInterval, "checkinInterval");
    Objects.requireNonNull(abandonedAfter, "abandonedAfter");
    if (abandonedAfter.isNegative() || abandonedAfter.isZero()) {
      throw new IllegalArgumentException("abandonedAfter must be positive");
    }
    cronByJob = Map.copyOf(cronByJob);
    if (clusterName.isBlank() || instanceId.isBlank()) {
      throw new IllegalArgumentException("clusterName and instanceId must not be blank");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    if (checkinInterval.toMillis() < 1000) {
      throw new IllegalArgumentException("checkinInterval must be at least one second");
    }
  }

  /** Abandoned after {@link #ABANDONED_AFTER}. */
  public SchedulerSettings(String clusterName, String instanceId, int threads,
      Map<String, String> cronByJob, Duration checkinInterval) {
    this(clusterName, instanceId, threads, cronByJob, checkinInterval, ABANDONED_AFTER);
  }

  /**
   * One cluster named {@code lethe}, an automatic instance id, two threads, 15 s check-ins, runs
   * abandoned after {@link #ABANDONED_AFTER}.
   */
  public static SchedulerSettings defaults(Map<String, String> cronByJob) {
    return new SchedulerSettings("lethe", "AUTO", 2, cronByJob, Duration.ofSeconds(15));
  }
}
