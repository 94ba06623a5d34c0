package io.lethe.lifecycle.jobs;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A job run's report as stored: status, what it did so far, when, under which policy version.
 *
 * @param batches batches committed
 * @param lastErrorCode the dotted code of the last failure (a record's or the run's); ids and
 *     codes only, never a message that could quote data
 */
public record JobRun(UUID id, String jobName, JobRunStatus status, boolean dryRun,
    JobCounts counts, int batches, Optional<String> policyVersion,
    Optional<String> lastErrorCode, Instant queuedAt, Optional<Instant> startedAt,
    Optional<Instant> finishedAt) {

  public JobRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(policyVersion, "policyVersion");
    Objects.requireNonNull(lastErrorCode, "lastErrorCode");
    Objects.requireNonNull(queuedAt, "queuedAt");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }
}
