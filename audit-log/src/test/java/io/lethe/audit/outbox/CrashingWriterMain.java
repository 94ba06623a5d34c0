package io.lethe.audit.outbox;

import io.lethe.audit.AuditEvent;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.UUID;

/**
 * The child JVM of {@link CrashBeforeShippingIT}: a server that commits accesses with their audit
 * events, holds one access open, and keeps committing until it is killed.
 *
 * <p>Protocol on stdout, one line each: {@code COMMITTED <event id>} after a commit returned,
 * {@code OPEN <event id>} for each event of the open transaction, {@code READY} once the open
 * transaction's events are on the server and {@code <first>} commits are done.
 *
 * <p>Arguments: JDBC URL, user, number of commits before READY, events in the open transaction.
 * The password comes from {@code LETHE_TEST_PG_PASSWORD}, never an argument.
 */
public final class CrashingWriterMain {

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    int first = Integer.parseInt(args[2]);
    int open = Integer.parseInt(args[3]);
    String password = System.getenv().getOrDefault("LETHE_TEST_PG_PASSWORD", "");
    PrintStream out = System.out;
    AuditOutbox outbox = new AuditOutbox();
    try (Connection committing = DriverManager.getConnection(url, user, password);
        Connection pending = DriverManager.getConnection(url, user, password)) {
      committing.setAutoCommit(false);
      pending.setAutoCommit(false);
      for (int i = 0; i < first; i++) {
        commitOne(committing, outbox, out);
      }
      for (int i = 0; i < open; i++) {
        AuditEvent e = event();
        outbox.append(pending, e);
        out.println("OPEN " + e.id());
      }
      out.println("READY");
      out.flush();
      // Keep committing, so that the kill lands between, or inside, ordinary commits.
      while (true) {
        commitOne(committing, outbox, out);
        Thread.sleep(2);
      }
    }
  }

  private static void commitOne(Connection c, AuditOutbox outbox, PrintStream out)
      throws Exception {
    AuditEvent e = event();
    outbox.append(c, e);
    c.commit();
    out.println("COMMITTED " + e.id());
    out.flush();
  }

  private static AuditEvent event() {
    return AuditEvent.builder("record.read", AuditEvent.Outcome.SUCCESS)
        .actor("svc-crash-test", List.of("service")).purpose("accident-handling")
        .subject(UUID.randomUUID()).record(UUID.randomUUID(), "identity")
        .fields(List.of("name", "phone")).build();
  }
}
