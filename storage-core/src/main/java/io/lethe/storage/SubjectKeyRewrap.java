package io.lethe.storage;

import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.RewrapOutcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Moves every stored subject key to the current KEK version, after a rotation, without
 * decrypting any data: the keys are rewrapped by the provider (Transit {@code rewrap}) and only
 * the {@code subjects} rows change.
 *
 * <p><b>Resumable.</b> Work goes in batches, each its own transaction: claim up to
 * {@code batchSize} rows below the target version ({@code ORDER BY id ... FOR UPDATE SKIP
 * LOCKED}), rewrap them in one {@link KeyProvider#rewrapAll} call, update, commit. A crash loses
 * at most the batch in flight; the next run skips rows already at the current version. Runs on
 * several nodes at once split the rows between them instead of waiting on each other.
 *
 * <p>Retire old versions ({@link KeyProvider#setMinDecryptionVersion}) only when
 * {@link #remaining} is 0: a run's own report does not see rows another run held locked.
 *
 * <p><b>Limitation.</b> Rows wrapped by another KEK (another Transit key or a local keyring) are
 * claimed too, fail in the provider and are counted as failed.
 */
public final class SubjectKeyRewrap {

  private SubjectKeyRewrap() {}

  /**
   * Rewraps all subject keys below the provider's current version. Throws
   * {@link StorageException} if the provider fails as a whole (unreachable, sealed, denied) or the
   * database fails; batches committed before that stay done.
   */
  public static RewrapReport run(DataSource dataSource, KeyProvider keys, int batchSize) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(keys, "keys");
    int target = keys.currentVersion();
    long scanned = 0;
    long rewrapped = 0;
    long failed = 0;
    Optional<UUID> after = Optional.empty();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      while (true) {
        Batch batch;
        try {
          batch = batch(c, keys, target, after, batchSize, false);
          c.commit();
        } catch (RuntimeException e) {
          rollback(c);
          throw e;
        }
        if (batch.claimed() == 0) {
          break;
        }
        scanned += batch.claimed();
        rewrapped += batch.rewrapped();
        failed += batch.failed();
        after = batch.last();
      }
    } catch (SQLException e) {
      throw Jdbc.failed("rewrap subject keys", e);
    }
    return new RewrapReport(scanned, rewrapped, failed, target);
  }

  /**
   * What one batch did: keys claimed, rewrapped and failed, and the last id claimed (where the
   * next batch starts); nothing claimed means nothing is left.
   */
  public record Batch(int claimed, int rewrapped, int failed, Optional<UUID> last) {}

  /**
   * One batch in the caller's transaction (not committed): claims up to {@code batchSize} rows
   * below {@code target} after {@code after}, rewraps them in one provider call and updates them;
   * a dry run claims and counts without calling the provider or writing. For a job runner that
   * commits each batch with its own progress.
   */
  public static Batch batch(Connection c, KeyProvider keys, int target, Optional<UUID> after,
      int batchSize, boolean dryRun) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1");
    }
    RewrapStore store = new RewrapStore();
    List<RewrapStore.Row> rows = store.claim(c, keys.kekId(), target, after.orElse(null), batchSize);
    if (rows.isEmpty() || dryRun) {
      return new Batch(rows.size(), 0, 0, lastOf(rows));
    }
    List<RewrapOutcome> outcomes = keys.rewrapAll(rows.stream().map(RewrapStore.Row::key)
        .toList());
    int rewrapped = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (outcomes.get(i) instanceof RewrapOutcome.Rewrapped r
          && store.update(c, rows.get(i), r.key())) {
        rewrapped++;
      }
    }
    return new Batch(rows.size(), rewrapped, rows.size() - rewrapped, lastOf(rows));
  }

  private static Optional<UUID> lastOf(List<RewrapStore.Row> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(rows.size() - 1).id());
  }

  /**
   * How many stored subject keys are still wrapped below {@code version}; reads without locking.
   * Zero means versions below {@code version} can be retired without losing any subject.
   */
  public static long remaining(DataSource dataSource, KeyProvider keys, int version) {
    try (Connection c = dataSource.getConnection()) {
      return new RewrapStore().countBelow(c, keys.kekId(), version);
    } catch (SQLException e) {
      throw Jdbc.failed("count subject keys to rewrap", e);
    }
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException suppressed) {
      // The provider's failure is the one to report.
    }
  }
}
