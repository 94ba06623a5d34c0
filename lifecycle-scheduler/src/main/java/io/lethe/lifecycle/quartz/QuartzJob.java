package io.lethe.lifecycle.quartz;

import io.lethe.lifecycle.jobs.JobRun;
import io.lethe.lifecycle.jobs.JobRunner;
import io.lethe.lifecycle.jobs.LifecycleJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Quartz job class: it hands the fire to {@link JobRunner}. Not concurrent, so each
 * lifecycle job runs on at most one thread of the whole cluster (the JDBC store enforces it
 * across nodes); a cron fire and a "run now" of the same job queue behind each other.
 */
@DisallowConcurrentExecution
final class QuartzJob implements Job {

  static final String RUN_ID = "runId";
  private static final Logger LOG = LoggerFactory.getLogger(QuartzJob.class);

  private final JobRunner runner;
  private final Map<String, LifecycleJob> jobs;
  private final Duration abandonedAfter;

  QuartzJob(JobRunner runner, Map<String, LifecycleJob> jobs, Duration abandonedAfter) {
    this.runner = runner;
    this.jobs = jobs;
    this.abandonedAfter = abandonedAfter;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    String name = context.getJobDetail().getKey().getName();
    LifecycleJob job = jobs.get(name);
    if (job == null) {
      throw new JobExecutionException("no lifecycle job named " + name + " on this node");
    }
    JobDataMap data = context.getMergedJobDataMap();
    Optional<UUID> runId = data.containsKey(RUN_ID)
        ? Optional.of(UUID.fromString(data.getString(RUN_ID))) : Optional.empty();
    // Another run still RUNNING and silent for longer than a batch may take was left by a node
    // that died. Its work is not lost: this run takes it up.
    runner.failOtherRuns(name, runId, Instant.now().minus(abandonedAfter)).forEach(abandoned -> LOG.warn(
        "job {} run {} was abandoned by its node; marked failed", name, abandoned.id()));
    // "Run now" queued a run and passes its id; a cron fire starts a new one. A fire recovered
    // after its node died carries the same id, and the runner continues that run.
    JobRun run = runId.isPresent() ? runner.execute(job, runId.get()) : runner.run(job, false);
    LOG.info("job {} run {} ended {}", name, run.id(), run.status());
  }
}
