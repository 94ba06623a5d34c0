package io.lethe.lifecycle.jobs;

import io.lethe.lifecycle.Jdbc;
import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code job_runs} table. Status changes go through {@link #move}, which checks
 * {@link JobRunStatus#canMoveTo} under a row lock. Methods use the caller's connection and never
 * commit. Stateless and thread-safe.
 */
public final class JobRuns {

  private static final String COLUMNS = "id, job_name, status, dry_run, scanned, deleted,"
      + " anonymized, skipped_for_hold, deferred, failed, redated, batches, resume_after,"
      + " policy_version,"
      + " last_error_code, queued_at, started_at, finished_at";

  public JobRun queue(Connection c, String jobName, boolean dryRun,
      Optional<String> policyVersion, Instant now) {
    UUID id = UUID.randomUUID();
    String sql = "INSERT INTO job_runs (id, job_name, status, dry_run, scanned, deleted,"
        + " anonymized, skipped_for_hold, deferred, failed, batches, policy_version, queued_at)"
        + " VALUES (?, ?, 'QUEUED', ?, 0, 0, 0, 0, 0, 0, 0, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, id);
      ps.setString(2, jobName);
      ps.setBoolean(3, dryRun);
      ps.setString(4, policyVersion.orElse(null));
      Jdbc.setInstant(ps, 5, now);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.failed("queue a job run", e);
    }
    return find(c, id).orElseThrow();
  }

  public Optional<JobRun> find(Connection c, UUID id) {
    return select(c, "SELECT " + COLUMNS + " FROM job_runs WHERE id = ?", id).stream()
        .findFirst();
  }

  /** The job's latest runs, newest first. */
  public List<JobRun> recent(Connection c, String jobName, int limit) {
    return select(c, "SELECT " + COLUMNS + " FROM job_runs WHERE job_name = ?"
        + " ORDER BY queued_at DESC, id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
        jobName);
  }

  /**
   * Moves the run to {@code to} if the state table allows it, stamping started/finished times.
   *
   * @throws LifecycleException {@code lifecycle.job.run-not-found} or
   *     {@code lifecycle.job.run-transition-invalid}
   */
  public JobRun move(Connection c, UUID id, JobRunStatus to, Optional<String> errorCode,
      Instant now) {
    JobRunStatus from = lockStatus(c, id);
    if (!from.canMoveTo(to)) {
      throw new LifecycleException(LifecycleErrorCode.JOB_RUN_TRANSITION_INVALID,
          "job run " + id + " cannot move from " + from + " to " + to);
    }
    String stamp = to == JobRunStatus.RUNNING ? "started_at = ?, heartbeat_at = ?"
        : "finished_at = ?, heartbeat_at = ?";
    try (PreparedStatement ps = c.prepareStatement("UPDATE job_runs SET status = ?, " + stamp
        + ", last_error_code = COALESCE(?, last_error_code) WHERE id = ?")) {
      ps.setString(1, to.name());
      Jdbc.setInstant(ps, 2, now);
      Jdbc.setInstant(ps, 3, now);
      ps.setString(4, errorCode.orElse(null));
      ps.setObject(5, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.failed("change a job run's status", e);
    }
    return find(c, id).orElseThrow();
  }

  /**
   * Adds a batch's counts and position to a RUNNING run. False if the run is no longer RUNNING
   * (cancelled meanwhile): the caller then rolls the batch back.
   */
  public boolean recordBatch(Connection c, UUID id, Batch batch, Instant now) {
    JobCounts n = batch.counts();
    String sql = "UPDATE job_runs SET scanned = scanned + ?, deleted = deleted + ?,"
        + " anonymized = anonymized + ?, skipped_for_hold = skipped_for_hold + ?,"
        + " deferred = deferred + ?, failed = failed + ?, redated = redated + ?,"
        + " batches = batches + 1,"
        + " resume_after = COALESCE(?, resume_after), heartbeat_at = ?,"
        + " last_error_code = COALESCE(?, last_error_code) WHERE id = ? AND status = 'RUNNING'";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, n.scanned());
      ps.setLong(2, n.deleted());
      ps.setLong(3, n.anonymized());
      ps.setLong(4, n.skippedForHold());
      ps.setLong(5, n.deferred());
      ps.setLong(6, n.failed());
      ps.setLong(7, n.redated());
      ps.setString(8, batch.resumeAfter().orElse(null));
      Jdbc.setInstant(ps, 9, now);
      ps.setString(10, batch.lastErrorCode().orElse(null));
      ps.setObject(11, id);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw Jdbc.failed("record a job batch", e);
    }
  }

  /** True if a run of the job that was no dry run has succeeded under {@code policyVersion}. */
  public boolean succeededUnder(Connection c, String jobName, String policyVersion) {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM job_runs WHERE job_name = ?"
        + " AND status = 'SUCCEEDED' AND dry_run = FALSE AND policy_version = ?"
        + " FETCH FIRST 1 ROWS ONLY")) {
      ps.setString(1, jobName);
      ps.setString(2, policyVersion);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw Jdbc.failed("read a job's runs", e);
    }
  }

  /** Where the run's next batch starts; empty before its first batch. */
  public Optional<String> resumeAfter(Connection c, UUID id) {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT resume_after FROM job_runs WHERE id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw Jdbc.failed("read a job run's position", e);
    }
  }

  /**
   * RUNNING runs whose last batch committed before {@code quietSince}, oldest first: unless a
   * batch takes longer than that, their node died. Any job, when {@code jobName} is empty.
   */
  public List<JobRun> quiet(Connection c, Optional<String> jobName, Instant quietSince) {
    String sql = "SELECT " + COLUMNS + " FROM job_runs WHERE status = 'RUNNING'"
        + " AND heartbeat_at < ?" + (jobName.isPresent() ? " AND job_name = ?" : "")
        + " ORDER BY queued_at, id";
    List<JobRun> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.setInstant(ps, 1, quietSince);
      if (jobName.isPresent()) {
        ps.setString(2, jobName.get());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(run(rs));
        }
      }
    } catch (SQLException e) {
      throw Jdbc.failed("find abandoned job runs", e);
    }
    return out;
  }

  private JobRunStatus lockStatus(Connection c, UUID id) {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT status FROM job_runs WHERE id = ? FOR UPDATE")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new LifecycleException(LifecycleErrorCode.JOB_RUN_NOT_FOUND,
              "job run " + id + " does not exist");
        }
        return JobRunStatus.valueOf(rs.getString(1));
      }
    } catch (SQLException e) {
      throw Jdbc.failed("lock a job run", e);
    }
  }

  private List<JobRun> select(Connection c, String sql, Object param) {
    List<JobRun> runs = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          runs.add(run(rs));
        }
      }
    } catch (SQLException e) {
      throw Jdbc.failed("read job runs", e);
    }
    return runs;
  }

  private static JobRun run(ResultSet rs) throws SQLException {
    return new JobRun(rs.getObject("id", UUID.class), rs.getString("job_name"),
        JobRunStatus.valueOf(rs.getString("status")), rs.getBoolean("dry_run"),
        new JobCounts(rs.getLong("scanned"), rs.getLong("deleted"),
            rs.getLong("anonymized"), rs.getLong("skipped_for_hold"),
            rs.getLong("deferred"), rs.getLong("failed"), rs.getLong("redated")),
        rs.getInt("batches"), Optional.ofNullable(rs.getString("policy_version")),
        Optional.ofNullable(rs.getString("last_error_code")),
        Jdbc.instant(rs, "queued_at").orElseThrow(), Jdbc.instant(rs, "started_at"),
        Jdbc.instant(rs, "finished_at"));
  }
}
