package io.lethe.audit.outbox;

import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditEvent;
import io.lethe.audit.AuditException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Commits the events of accesses that change nothing, sharing one transaction among concurrent
 * callers: one batched insert ({@link AuditOutbox#appendAll}) and one commit for every caller
 * waiting at that moment, instead of one each.
 *
 * <p>Leader and followers, no background thread: a caller that finds no commit in flight
 * commits everything queued, its own events first, on its own thread. Callers that arrive
 * meanwhile queue and wait. When a commit ends, each of its callers is told its own outcome,
 * and if events are queued, the longest-waiting caller becomes the next leader and commits
 * them, so no caller commits for others for longer than one batch of its own. Uncontended, an
 * append is one transaction on the caller's thread, as without this class. A batch holds at
 * most {@code maxBatch} events, except that one caller's events are never split.
 *
 * <p>Durability: {@link #append} and {@link #appendAll} return only once the caller's events are
 * committed in the outbox, in the transaction of which they were part, and throw
 * {@link AuditException} with {@link AuditErrorCode#OUTBOX_UNAVAILABLE} if they could not be;
 * every caller of a failed commit is answered, none is left waiting. If a shared batch fails,
 * it is rolled back and each caller's events are tried again in a transaction of their own, so
 * an event the database refuses fails only its caller. If the database cannot even be reached,
 * the whole batch fails at once, without trying each caller again. As with any single
 * transaction, a commit whose answer is lost (the connection dropped during the commit) is
 * reported as a failure although the database may have kept it: an access refused whose event
 * is on record, never an access served without its event.
 *
 * <p>Outbox order, hence chain order, is the order of the batch: callers in the order they
 * queued, each caller's events in list order.
 *
 * <p>Thread safety: safe for any number of concurrent callers. A waiting caller does not give
 * up on interrupt: whether its events are written is decided by the commit, so it waits for
 * that answer and returns with its interrupt flag set again. The leader clears its own flag for
 * the duration of the commit, so that one interrupted caller cannot fail the others' events.
 */
public final class OutboxGroupCommit {

  private final DataSource dataSource;
  private final AuditOutbox outbox;
  private final int maxBatch;
  private final ReentrantLock lock = new ReentrantLock();
  /** Callers waiting for a commit; guarded by {@link #lock}. */
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  /** Whether a leader exists (committing, or handed the lead); guarded by {@link #lock}. */
  private boolean leading;

  /**
   * @param dataSource the database holding the outbox; each commit borrows one connection
   * @param maxBatch most events in one shared transaction, e.g. 500
   */
  public OutboxGroupCommit(DataSource dataSource, AuditOutbox outbox, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1");
    }
    this.dataSource = dataSource;
    this.outbox = outbox;
    this.maxBatch = maxBatch;
  }

  /**
   * Writes the event durably; returns once it is committed.
   *
   * @throws AuditException {@code OUTBOX_UNAVAILABLE} if it could not be written: the access
   *     it records must be refused
   */
  public void append(AuditEvent event) {
    appendAll(List.of(event));
  }

  /**
   * Writes the events durably, together in one transaction and in list order; returns once they
   * are committed. All or none.
   *
   * @throws AuditException {@code OUTBOX_UNAVAILABLE} if they could not be written
   */
  public void appendAll(List<AuditEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    Pending me = new Pending(List.copyOf(events), lock.newCondition());
    List<Pending> batch;
    lock.lock();
    try {
      queue.add(me);
      if (leading) {
        // Uninterruptibly: the answer decides what the caller may believe; the flag survives.
        while (me.state == State.QUEUED) {
          me.signal.awaitUninterruptibly();
        }
        if (me.state == State.DONE) {
          me.outcome();
          return;
        }
      } else {
        leading = true;
      }
      batch = takeBatch();
    } finally {
      lock.unlock();
    }
    lead(batch);
    me.outcome();
  }

  /** Callers queued behind the commit in flight: for tests that line callers up. */
  int queued() {
    lock.lock();
    try {
      return (int) queue.stream().filter(p -> p.state == State.QUEUED).count();
    } finally {
      lock.unlock();
    }
  }

  /** Commits a batch as leader, answers its callers, and passes the lead on. */
  private void lead(List<Pending> batch) {
    boolean interrupted = Thread.interrupted();
    try {
      commit(batch);
    } finally {
      lock.lock();
      try {
        for (Pending p : batch) {
          if (p.state != State.DONE) {
            // Only if commit() itself broke (an Error): the outcome is unknown, so refuse the access.
            p.failed = true;
            p.state = State.DONE;
          }
          p.signal.signal();
        }
        Pending next = queue.peek();
        if (next == null) {
          leading = false;
        } else {
          next.state = State.LEADER;
          next.signal.signal();
        }
      } finally {
        lock.unlock();
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Removes the next batch from the queue; called under the lock, by the leader at its head. */
  private List<Pending> takeBatch() {
    List<Pending> batch = new ArrayList<>();
    int events = 0;
    while (!queue.isEmpty()
        && (batch.isEmpty() || events + queue.peek().events.size() <= maxBatch)) {
      Pending p = queue.poll();
      batch.add(p);
      events += p.events.size();
    }
    return batch;
  }

  /** Sets every caller's outcome (under the lock, since waiters read it under the lock). */
  private void commit(List<Pending> batch) {
    List<AuditEvent> all = new ArrayList<>();
    batch.forEach(p -> all.addAll(p.events));
    Attempt shared = write(all);
    if (shared.kind() != Kind.REFUSED || batch.size() == 1) {
      answer(batch, shared.cause());
      return;
    }
    // One caller's bad event must not refuse the others: each alone, in its own transaction.
    for (int i = 0; i < batch.size(); i++) {
      Attempt alone = write(batch.get(i).events);
      if (alone.kind() == Kind.UNREACHABLE) {
        answer(batch.subList(i, batch.size()), alone.cause());
        return;
      }
      answer(batch.subList(i, i + 1), alone.cause());
    }
  }

  /** {@code cause} null: written. */
  private void answer(List<Pending> callers, Throwable cause) {
    lock.lock();
    try {
      for (Pending p : callers) {
        p.failed = cause != null;
        p.cause = cause;
        p.state = State.DONE;
      }
    } finally {
      lock.unlock();
    }
  }

  /** One transaction: the events inserted and committed, or rolled back. */
  private Attempt write(List<AuditEvent> events) {
    Connection c;
    try {
      c = dataSource.getConnection();
    } catch (SQLException | RuntimeException e) {
      return new Attempt(Kind.UNREACHABLE, e);
    }
    Attempt attempt;
    try {
      c.setAutoCommit(false);
      outbox.appendAll(c, events);
      c.commit();
      attempt = new Attempt(Kind.WRITTEN, null);
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      attempt = new Attempt(Kind.REFUSED, e);
    }
    try {
      c.close();
    } catch (SQLException | RuntimeException ignored) {
      // The outcome is the commit's: a connection that fails to close after it changes nothing.
    }
    return attempt;
  }

  private static AuditException unavailable(Throwable cause) {
    return new AuditException(AuditErrorCode.OUTBOX_UNAVAILABLE,
        "The audit event could not be written; the access was refused", cause);
  }

  private enum State { QUEUED, LEADER, DONE }

  private enum Kind { WRITTEN, REFUSED, UNREACHABLE }

  /** The outcome of one transaction; UNREACHABLE: no connection could be had. */
  private record Attempt(Kind kind, Throwable cause) {}

  /** One caller's events and its answer; state and failure are guarded by the lock. */
  private static final class Pending {
    final List<AuditEvent> events;
    final Condition signal;
    State state = State.QUEUED;
    boolean failed;
    Throwable cause;

    Pending(List<AuditEvent> events, Condition signal) {
      this.events = events;
      this.signal = signal;
    }

    /**
     * Returns normally if written, throws otherwise; called after DONE, on the caller's thread,
     * so each caller gets an exception of its own.
     */
    void outcome() {
      if (failed) {
        throw unavailable(cause);
      }
    }
  }
}
