package io.lethe.lifecycle.jobs;

import io.lethe.audit.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a job's batch needs to know about its run.
 *
 * @param now the run's reference instant, fixed when the run starts: records that become due
 *     during the run wait for the next one, so every run ends
 * @param resumeAfter the position after the last committed batch; empty at the start
 */
public record JobContext(UUID runId, boolean dryRun, Instant now, int batchSize,
    Optional<String> resumeAfter) {

  /** The principal lifecycle jobs act as, in every audit event they write. */
  public static final String ACTOR = "lethe";
  public static final List<String> ROLES = List.of("system");

  public JobContext {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(resumeAfter, "resumeAfter");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1");
    }
  }

  /** An audit event by the system actor, tied to this run. */
  public AuditEvent.Builder event(String action, AuditEvent.Outcome outcome) {
    return AuditEvent.builder(action, outcome).actor(ACTOR, ROLES).jobRun(runId);
  }
}
