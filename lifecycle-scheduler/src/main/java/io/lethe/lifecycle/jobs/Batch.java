package io.lethe.lifecycle.jobs;

import java.util.Objects;
import java.util.Optional;

/**
 * What one batch did, and where the next one starts.
 *
 * @param resumeAfter the job's opaque position after this batch (ids and instants only); empty
 *     when there was nothing left, which ends the run
 * @param lastErrorCode the code of the last record that failed in this batch, if any
 */
public record Batch(JobCounts counts, Optional<String> resumeAfter,
    Optional<String> lastErrorCode) {

  public Batch {
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(resumeAfter, "resumeAfter");
    Objects.requireNonNull(lastErrorCode, "lastErrorCode");
  }

  /** Nothing was left to do: the run is complete. */
  public static Batch finished() {
    return new Batch(JobCounts.ZERO, Optional.empty(), Optional.empty());
  }

  public boolean isLast() {
    return resumeAfter.isEmpty();
  }
}
