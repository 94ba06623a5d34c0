package io.lethe.audit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditEvent;
import io.lethe.audit.AuditException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Group commit on H2. Callers are lined up deterministically: the first caller's connection is
 * held at a gate until the others are queued behind it, so what shares a transaction is known.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // against a hang, not a timing assertion
class OutboxGroupCommitH2Test {

  private final JdbcDataSource h2 = migrated();
  private final GatedDataSource ds = new GatedDataSource(h2);
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    ds.open();
    threads.shutdownNow();
  }

  @Test
  void concurrentAppends_writeEveryEventExactlyOnce_andAllReturnNormally() throws Exception {
    ds.open();
    OutboxGroupCommit commit = new OutboxGroupCommit(ds, new AuditOutbox(), 50);
    int callers = 16;
    int each = 100;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<UUID>>> results = new ArrayList<>();
    for (int t = 0; t < callers; t++) {
      results.add(threads.submit(() -> {
        start.await();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < each; i++) {
          AuditEvent e = read();
          commit.append(e);
          ids.add(e.id());
        }
        return ids;
      }));
    }
    start.countDown();
    List<String> appended = new ArrayList<>();
    for (Future<List<UUID>> r : results) {
      r.get().forEach(id -> appended.add(id.toString()));
    }

    assertThat(outboxIds()).hasSize(callers * each).containsExactlyInAnyOrderElementsOf(appended);
  }

  @Test
  void callersArrivingDuringACommit_shareTheNextTransaction_inTheOrderTheyQueued()
      throws Exception {
    OutboxGroupCommit commit = new OutboxGroupCommit(ds, new AuditOutbox(), 500);
    AuditEvent first = read();
    Future<?> leader = threads.submit(() -> commit.append(first));
    ds.awaitHeld();
    List<AuditEvent> queued = new ArrayList<>();
    List<Future<?>> followers = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      AuditEvent e = read();
      queued.add(e);
      followers.add(threads.submit(() -> commit.append(e)));
      awaitQueued(commit, i + 1);
    }

    ds.open();
    leader.get();
    for (Future<?> f : followers) {
      f.get();
    }

    assertThat(ds.borrowed()).as("the first caller's transaction, then one for the nine")
        .isEqualTo(2);
    List<String> expected = new ArrayList<>(List.of(first.id().toString()));
    queued.forEach(e -> expected.add(e.id().toString()));
    assertThat(outboxIds()).containsExactlyElementsOf(expected);
  }

  @Test
  void aBatchHoldsAtMostMaxBatchEvents_andOneCallersEventsAreNeverSplit() throws Exception {
    OutboxGroupCommit commit = new OutboxGroupCommit(ds, new AuditOutbox(), 3);
    Future<?> leader = threads.submit(() -> commit.append(read()));
    ds.awaitHeld();
    List<Future<?>> followers = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      followers.add(threads.submit(() -> commit.append(read())));
      awaitQueued(commit, i + 1);
    }
    followers.add(threads.submit(() -> commit.appendAll(List.of(read(), read(), read(), read()))));
    awaitQueued(commit, 8);

    ds.open();
    leader.get();
    for (Future<?> f : followers) {
      f.get();
    }

    assertThat(ds.borrowed()).as("1, then 3 + 3 + 1, then the four together").isEqualTo(5);
    assertThat(outboxIds()).hasSize(12);
  }

  @Test
  void oneBadEventInASharedBatch_failsOnlyItsCaller() throws Exception {
    AuditEvent alreadyWritten = read();
    OutboxGroupCommit commit = new OutboxGroupCommit(ds, new AuditOutbox(), 500);
    Future<?> leader = threads.submit(() -> commit.append(alreadyWritten));
    ds.awaitHeld();
    AuditEvent before = read();
    AuditEvent after = read();
    Future<?> good1 = threads.submit(() -> commit.append(before));
    awaitQueued(commit, 1);
    // The same event id again: the outbox refuses it, deterministically.
    Future<?> bad = threads.submit(() -> commit.append(alreadyWritten));
    awaitQueued(commit, 2);
    Future<?> good2 = threads.submit(() -> commit.append(after));
    awaitQueued(commit, 3);

    ds.open();
    leader.get();
    good1.get();
    good2.get();

    assertThat(failureOf(bad)).isEqualTo(AuditErrorCode.OUTBOX_UNAVAILABLE);
    assertThat(outboxIds()).containsExactly(alreadyWritten.id().toString(),
        before.id().toString(), after.id().toString());
  }

  @Test
  void whenTheOutboxRefuses_everyWaitingCallerFails_nothingIsWritten_andLaterAppendsWork()
      throws Exception {
    OutboxGroupCommit commit = new OutboxGroupCommit(ds, new AuditOutbox(), 500);
    execute("ALTER TABLE audit_outbox RENAME TO audit_outbox_away");
    Future<?> leader = threads.submit(() -> commit.append(read()));
    ds.awaitHeld();
    List<Future<?>> followers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      followers.add(threads.submit(() -> commit.append(read())));
      awaitQueued(commit, i + 1);
    }

    ds.open();

    assertThat(failureOf(leader)).isEqualTo(AuditErrorCode.OUTBOX_UNAVAILABLE);
    for (Future<?> f : followers) {
      assertThat(failureOf(f)).isEqualTo(AuditErrorCode.OUTBOX_UNAVAILABLE);
    }
    execute("ALTER TABLE audit_outbox_away RENAME TO audit_outbox");
    assertThat(outboxIds()).isEmpty();

    AuditEvent recovered = read();
    commit.append(recovered);
    assertThat(outboxIds()).containsExactly(recovered.id().toString());
  }

  @Test
  void whenNoConnectionCanBeHad_everyWaitingCallerFails_withoutATryEach() throws Exception {
    OutboxGroupCommit commit = new OutboxGroupCommit(ds, new AuditOutbox(), 500);
    Future<?> leader = threads.submit(() -> commit.append(read()));
    ds.awaitHeld();
    List<Future<?>> followers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      followers.add(threads.submit(() -> commit.append(read())));
      awaitQueued(commit, i + 1);
    }
    ds.refuse(true);

    ds.open();

    assertThat(failureOf(leader)).isEqualTo(AuditErrorCode.OUTBOX_UNAVAILABLE);
    for (Future<?> f : followers) {
      assertThat(failureOf(f)).isEqualTo(AuditErrorCode.OUTBOX_UNAVAILABLE);
    }
    assertThat(ds.borrowed()).as("the leader's attempt and one for the five").isEqualTo(2);
    assertThat(outboxIds()).isEmpty();

    ds.refuse(false);
    commit.append(read());
    assertThat(outboxIds()).hasSize(1);
  }

  @Test
  void aConnectionThatFailsToCloseAfterTheCommit_leavesTheAppendWritten() throws Exception {
    ds.open();
    ds.failClose(true);
    OutboxGroupCommit commit = new OutboxGroupCommit(ds, new AuditOutbox(), 500);
    AuditEvent event = read();

    commit.append(event);

    assertThat(outboxIds()).containsExactly(event.id().toString());
  }

  @Test
  void anInterruptedWaiter_keepsWaitingForItsAnswer_andReturnsWithItsFlagSet() throws Exception {
    OutboxGroupCommit commit = new OutboxGroupCommit(ds, new AuditOutbox(), 500);
    Future<?> leader = threads.submit(() -> commit.append(read()));
    ds.awaitHeld();
    AuditEvent event = read();
    AtomicBoolean flagAfter = new AtomicBoolean();
    AtomicReference<Thread> waiter = new AtomicReference<>();
    Future<?> follower = threads.submit(() -> {
      waiter.set(Thread.currentThread());
      commit.append(event);
      flagAfter.set(Thread.currentThread().isInterrupted());
      return null;
    });
    awaitQueued(commit, 1);
    waiter.get().interrupt();

    ds.open();
    leader.get();
    follower.get();

    assertThat(flagAfter).isTrue();
    assertThat(outboxIds()).contains(event.id().toString());
  }

  @Test
  void anInterruptedCaller_stillWrites_andKeepsItsFlag() throws Exception {
    ds.open();
    OutboxGroupCommit commit = new OutboxGroupCommit(ds, new AuditOutbox(), 500);
    AuditEvent event = read();
    Thread.currentThread().interrupt();
    try {
      commit.append(event);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(outboxIds()).containsExactly(event.id().toString());
  }

  private static AuditErrorCode failureOf(Future<?> f) throws InterruptedException {
    try {
      f.get();
    } catch (java.util.concurrent.ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(AuditException.class);
      return ((AuditException) e.getCause()).code();
    }
    throw new AssertionError("the append returned normally");
  }

  /** Polls until n callers wait; ordering, not timing, is what the tests rely on. */
  private static void awaitQueued(OutboxGroupCommit commit, int n) {
    while (commit.queued() < n) {
      LockSupport.parkNanos(200_000);
    }
  }

  private static AuditEvent read() {
    return AuditEvent.builder("record.read", AuditEvent.Outcome.SUCCESS).purpose("test").build();
  }

  private List<String> outboxIds() throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = h2.getConnection(); var s = c.createStatement();
        var rs = s.executeQuery("SELECT event_id FROM audit_outbox ORDER BY seq")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = h2.getConnection(); var s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static JdbcDataSource migrated() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    AuditMigrations.migrate(ds);
    return ds;
  }

  /**
   * Holds the first connection request at a gate until {@link #open}, counts requests, and can
   * refuse them as a database that cannot be reached would.
   */
  private static final class GatedDataSource implements DataSource {
    private final DataSource delegate;
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicInteger borrowed = new AtomicInteger();
    private volatile boolean refusing;
    private volatile boolean closeFails;

    GatedDataSource(DataSource delegate) {
      this.delegate = delegate;
    }

    void open() {
      gate.countDown();
    }

    void awaitHeld() throws InterruptedException {
      held.await();
    }

    void refuse(boolean refuse) {
      refusing = refuse;
    }

    void failClose(boolean fail) {
      closeFails = fail;
    }

    int borrowed() {
      return borrowed.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
      borrowed.incrementAndGet();
      held.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted at the gate", e);
      }
      if (refusing) {
        throw new SQLException("the database cannot be reached");
      }
      Connection connection = delegate.getConnection();
      return closeFails ? closeFailing(connection) : connection;
    }

    private static Connection closeFailing(Connection connection) {
      return (Connection) java.lang.reflect.Proxy.newProxyInstance(
          Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
          (proxy, method, args) -> {
            if (method.getName().equals("close")) {
              connection.close();
              throw new SQLException("the connection could not be closed cleanly");
            }
            try {
              return method.invoke(connection, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
