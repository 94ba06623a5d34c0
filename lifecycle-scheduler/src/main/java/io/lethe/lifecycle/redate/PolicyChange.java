package io.lethe.lifecycle.redate;

import io.lethe.lifecycle.Jdbc;
import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import io.lethe.lifecycle.Transactions;
import io.lethe.lifecycle.jobs.JobRuns;
import io.lethe.lifecycle.policy.RetentionPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * What a start with the loaded retention policy checks before the scheduler runs (ADR 0017,
 * 2026-12). The policy counts as changed until a {@code retention-redate} run that was no dry
 * run has succeeded under its version; while it is, every retention class of a live record must
 * have a rule, or the start is refused: such records would have no date and no action, and
 * guessing either is not for a job to do. A policy unchanged since its last redate is not
 * checked again (the check reads every live record).
 *
 * <p>Thread-safe; uses its own transactions.
 */
public final class PolicyChange {

  private final RetentionPolicy policy;
  private final Transactions tx;
  private final JobRuns runs = new JobRuns();

  public PolicyChange(DataSource dataSource, RetentionPolicy policy) {
    this.tx = new Transactions(Objects.requireNonNull(dataSource, "dataSource"));
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * True if records must be dated again by {@code retention-redate}: live records exist and no
   * run of it has succeeded under this policy's version.
   *
   * @throws LifecycleException {@code lifecycle.policy.class-unknown} naming the retention classes
   *     of live records that the changed policy has no rule for
   */
  public boolean requiresRedate() {
    return tx.inTransaction(c -> {
      if (runs.succeededUnder(c, RetentionRedate.NAME, policy.version())) {
        return false;
      }
      Set<String> stored = storedClasses(c);
      if (stored.isEmpty()) {
        // No live record, nothing to date again: a fresh database does not fire a run (and
        // write its job events) at every start until its first record.
        return false;
      }
      List<String> missing = policy.missingClasses(stored);
      if (!missing.isEmpty()) {
        throw new LifecycleException(LifecycleErrorCode.POLICY_CLASS_UNKNOWN, "retention policy "
            + policy.source() + " (version " + policy.version() + ") has no rule for the"
            + " retention class(es) of stored records: " + String.join(", ", missing)
            + "; keep a rule for each until its records are gone");
      }
      return true;
    });
  }

  private static Set<String> storedClasses(Connection c) {
    Set<String> classes = new TreeSet<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT DISTINCT retention_class FROM records WHERE state = 'ACTIVE'"
            // An erased subject's records are the erasure's, whatever their class.
            + " AND NOT EXISTS (SELECT 1 FROM subjects s WHERE s.id = records.subject_id"
            + " AND s.status = 'ERASED')");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        classes.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw Jdbc.failed("list the retention classes of stored records", e);
    }
    return classes;
  }
}
