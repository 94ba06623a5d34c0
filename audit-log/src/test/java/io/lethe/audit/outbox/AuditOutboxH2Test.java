package io.lethe.audit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditEvent;
import io.lethe.audit.AuditException;
import io.lethe.audit.AuditIndex;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The embedded default keeps its outbox on H2: the same SQL must work there. */
class AuditOutboxH2Test {

  @Test
  void shipper_onH2_sendsInSequenceOrder_andKeepsWhatTheIndexDidNotConfirm() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    AuditMigrations.migrate(ds);
    List<AuditEvent> events = new ArrayList<>();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      for (int i = 0; i < 4; i++) {
        AuditEvent e = AuditEvent.builder("record.read", AuditEvent.Outcome.SUCCESS).build();
        events.add(e);
        new AuditOutbox().append(c, e);
      }
      c.commit();
    }
    List<String> seen = new ArrayList<>();
    AuditIndex refusesLast = new AuditIndex() {
      @Override public void prepare() {}
      @Override public Set<String> index(List<Document> docs) {
        docs.forEach(d -> seen.add(d.id()));
        Set<String> ok = new HashSet<>();
        docs.stream().limit(docs.size() - 1).forEach(d -> ok.add(d.id()));
        return ok;
      }
    };

    AuditShipper shipper = new AuditShipper(ds, refusesLast, 10, io.lethe.audit.chain.TestSigner.create());

    assertThat(shipper.shipBatch()).isEqualTo(3);
    assertThat(seen).containsExactly(events.stream().map(e -> e.id().toString()).toArray(String[]::new));
    assertThat(shipper.backlog()).isEqualTo(1);
  }

  @Test
  void appendAll_writesEveryEventInListOrder_andTheyShipInThatOrder() throws Exception {
    JdbcDataSource ds = migrated();
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(AuditEvent.builder("record.delete", AuditEvent.Outcome.SUCCESS).build());
    }
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      new AuditOutbox().appendAll(c, events);
      new AuditOutbox().appendAll(c, List.of());
      c.commit();
    }
    List<String> seen = new ArrayList<>();
    AuditIndex confirmsAll = new AuditIndex() {
      @Override public void prepare() {}
      @Override public Set<String> index(List<Document> docs) {
        Set<String> ok = new HashSet<>();
        docs.forEach(d -> {
          seen.add(d.id());
          ok.add(d.id());
        });
        return ok;
      }
    };

    AuditShipper shipper = new AuditShipper(ds, confirmsAll, 10,
        io.lethe.audit.chain.TestSigner.create());

    assertThat(shipper.shipBatch()).isEqualTo(5);
    assertThat(seen).containsExactly(
        events.stream().map(e -> e.id().toString()).toArray(String[]::new));
  }

  @Test
  void appendAll_thatCannotWrite_failsClosed_andTheRollbackLeavesNoneOfTheEvents()
      throws Exception {
    JdbcDataSource ds = migrated();
    AuditEvent first = AuditEvent.builder("record.delete", AuditEvent.Outcome.SUCCESS).build();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      assertThatThrownBy(() -> new AuditOutbox().appendAll(c, List.of(first,
          AuditEvent.builder("record.delete", AuditEvent.Outcome.SUCCESS).build(), first)))
          .isInstanceOfSatisfying(AuditException.class,
              e -> assertThat(e.code()).isEqualTo(AuditErrorCode.OUTBOX_UNAVAILABLE));
      c.rollback();
      try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM audit_outbox")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
    }
  }

  private static JdbcDataSource migrated() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    AuditMigrations.migrate(ds);
    return ds;
  }
}
