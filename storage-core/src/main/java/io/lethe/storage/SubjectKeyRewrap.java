package io.lethe.storage;

import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.RewrapOutcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
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
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1");
    }
    int target = keys.currentVersion();
    RewrapStore store = new RewrapStore();
    long scanned = 0;
    long rewrapped = 0;
    long failed = 0;
    UUID after = null;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      while (true) {
        List<RewrapStore.Row> batch = store.claim(c, keys.kekId(), target, after, batchSize);
        if (batch.isEmpty()) {
          c.commit();
          break;
        }
        try {
          List<RewrapOutcome> outcomes = keys.rewrapAll(
              batch.stream().map(RewrapStore.Row::key).toList());
          for (int i = 0; i < batch.size(); i++) {
            if (outcomes.get(i) instanceof RewrapOutcome.Rewrapped r
                && store.update(c, batch.get(i), r.key())) {
              rewrapped++;
            } else {
              failed++;
            }
          }
          c.commit();
        } catch (RuntimeException e) {
          rollback(c);
          throw e;
        }
        scanned += batch.size();
        after = batch.get(batch.size() - 1).id();
      }
    } catch (SQLException e) {
      throw Jdbc.failed("rewrap subject keys", e);
    }
    return new RewrapReport(scanned, rewrapped, failed, target);
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
