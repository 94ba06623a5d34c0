package io.lethe.lifecycle.quartz;

import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import io.lethe.lifecycle.jobs.JobRunner;
import io.lethe.lifecycle.jobs.LifecycleJob;
import java.sql.Connection;
import java.sql.SQLException;
import io.lethe.lifecycle.jobs.JobRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifecycle jobs on Quartz with the JDBC job store in clustered mode: any number of nodes share
 * the QRTZ_ tables (created by {@code LifecycleMigrations}), each job runs on one node at a
 * time, and a job fired on a node that dies is recovered by another. Quartz's data maps hold
 * strings only, so nothing is ever deserialized from the database.
 *
 * <p>Failures: {@link LifecycleException} with {@code lifecycle.job.unknown},
 * {@code lifecycle.scheduler.schedule-invalid}, {@code lifecycle.scheduler.schedule-forbidden}
 * (a cron for a job that runs only on request) or {@code lifecycle.scheduler.failed}.
 * Thread-safe.
 */
public final class LifecycleScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LifecycleScheduler.class);
  private final Scheduler scheduler;
  private final JobRunner runner;
  private final Map<String, LifecycleJob> jobs;
  private final Duration abandonedAfter;

  private LifecycleScheduler(Scheduler scheduler, JobRunner runner,
      Map<String, LifecycleJob> jobs, Duration abandonedAfter) {
    this.scheduler = scheduler;
    this.runner = runner;
    this.jobs = jobs;
    this.abandonedAfter = abandonedAfter;
  }

  /**
   * Builds the scheduler (not started), stores each job and (re)schedules it by the cron
   * expression the settings give for it; a job without one loses any cron trigger it had.
   */
  public static LifecycleScheduler create(DataSource dataSource, SchedulerSettings settings,
      JobRunner runner, List<LifecycleJob> jobs) {
    Map<String, LifecycleJob> byName = new LinkedHashMap<>();
    jobs.forEach(j -> byName.put(j.name(), j));
    for (String name : settings.cronByJob().keySet()) {
      if (!byName.containsKey(name)) {
        throw unknown(name);
      }
      if (byName.get(name).onRequestOnly()) {
        throw new LifecycleException(LifecycleErrorCode.SCHEDULE_FORBIDDEN, "job " + name
            + " runs only when an administrator asks and must not have a schedule; remove it"
            + " from the configuration");
      }
    }
    try {
      Scheduler scheduler = QuartzSetup.build(dataSource, settings, postgres(dataSource));
      scheduler.setJobFactory((bundle, s) -> new QuartzJob(runner, byName,
          settings.abandonedAfter()));
      new Schedules(scheduler).apply(byName.keySet(), settings.cronByJob());
      return new LifecycleScheduler(scheduler, runner, Map.copyOf(byName),
          settings.abandonedAfter());
    } catch (SchedulerException e) {
      throw failed("could not set up the Quartz scheduler", e);
    }
  }

  /**
   * Fails the runs abandoned by dead nodes (RUNNING, silent for longer than the settings'
   * {@code abandonedAfter}: RUNNING → FAILED with {@code lifecycle.job.abandoned}), starts taking
   * fires, and fires a new run of each job that had one, which takes its work up from the
   * database. Returns the new runs' ids.
   */
  public List<UUID> start() {
    List<JobRun> abandoned = runner.failAbandoned(Optional.empty(),
        Instant.now().minus(abandonedAfter));
    try {
      scheduler.start();
    } catch (SchedulerException e) {
      throw failed("could not start the Quartz scheduler", e);
    }
    List<UUID> resumed = new ArrayList<>();
    Set<String> again = new LinkedHashSet<>();
    for (JobRun run : abandoned) {
      LOG.warn("job {} run {} was abandoned by a node that stopped; marked failed",
          run.jobName(), run.id());
      if (jobs.containsKey(run.jobName()) && again.add(run.jobName() + "|" + run.dryRun())) {
        resumed.add(runNow(run.jobName(), run.dryRun()));
      }
    }
    return resumed;
  }

  public Set<String> jobNames() {
    return jobs.keySet();
  }

  /**
   * Queues a run of the job and fires it on the cluster now; returns the run's id at once.
   * The run waits while the same job runs elsewhere.
   */
  public UUID runNow(String jobName, boolean dryRun) {
    LifecycleJob job = jobs.get(jobName);
    if (job == null) {
      throw unknown(jobName);
    }
    UUID runId = runner.queue(job, dryRun).id();
    try {
      scheduler.triggerJob(JobKey.jobKey(jobName, Schedules.GROUP),
          new JobDataMap(Map.of(QuartzJob.RUN_ID, runId.toString())));
    } catch (SchedulerException e) {
      runner.cancel(runId); // queued but never fired: say so rather than leave it waiting
      throw failed("could not fire job " + jobName, e);
    }
    return runId;
  }

  /** Stops taking fires and waits for running jobs to finish their current run. */
  @Override
  public void close() {
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      throw failed("could not shut the Quartz scheduler down", e);
    }
  }

  private static boolean postgres(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
    } catch (SQLException e) {
      throw io.lethe.lifecycle.Jdbc.failed("identify the database", e);
    }
  }

  private static LifecycleException unknown(String name) {
    return new LifecycleException(LifecycleErrorCode.JOB_UNKNOWN,
        "no lifecycle job is named '" + name + "'");
  }

  static LifecycleException failed(String message, SchedulerException e) {
    return new LifecycleException(LifecycleErrorCode.SCHEDULER_FAILED, message, e);
  }
}
