package io.lethe.lifecycle.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import io.lethe.lifecycle.LifecycleFixture;
import io.lethe.lifecycle.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubjectRequestsH2Test {

  private static final String POLICY_VERSION = "2026-03";
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-07T00:00:00Z"));
  private static LifecycleFixture db;
  private static SubjectRequests requests;

  @BeforeAll
  static void setUp(@TempDir Path keyDir) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:requests-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    db = new LifecycleFixture(h2, keyDir, CLOCK);
    requests = new SubjectRequests(CLOCK, db.audit, POLICY_VERSION);
  }

  @Test
  void aRequest_goesThroughItsSteps_eachOnRecordAndAudited() {
    UUID subject = db.aSubject();
    SubjectRequest received = db.tx.inTransaction(c ->
        requests.receive(c, subject, RequestKind.EXPORT, "dpo-1"));
    assertThat(received.status()).isEqualTo(RequestStatus.RECEIVED);
    assertThat(received.finishedAt()).isEmpty();
    CLOCK.advance(Duration.ofSeconds(1));
    db.tx.inTransaction(c -> requests.transition(c, received.id(), RequestStatus.RUNNING));
    CLOCK.advance(Duration.ofSeconds(1));
    SubjectRequest done = db.tx.inTransaction(c ->
        requests.transition(c, received.id(), RequestStatus.DONE));

    assertThat(done.status()).isEqualTo(RequestStatus.DONE);
    assertThat(done.kind()).isEqualTo(RequestKind.EXPORT);
    assertThat(done.finishedAt()).contains(CLOCK.instant());
    assertThat(done.policyVersion()).contains(POLICY_VERSION);
    assertThat(db.count("SELECT COUNT(*) FROM data_subject_requests WHERE id = ?"
        + " AND policy_version = '" + POLICY_VERSION + "'", received.id())).isEqualTo(1);
    assertThat(done.history()).extracting(SubjectRequest.Step::status).containsExactly(
        RequestStatus.RECEIVED, RequestStatus.RUNNING, RequestStatus.DONE);
    assertThat(done.history()).extracting(SubjectRequest.Step::at).isSorted();
    java.util.Optional<SubjectRequest> found = db.tx.inTransaction(c -> requests.find(c, received.id()));
    assertThat(found).contains(done);
    assertThat(db.events("request.received", "success", received.id())).isEqualTo(1);
    assertThat(db.events("request.running", "success", received.id())).isEqualTo(1);
    assertThat(db.events("request.done", "success", received.id())).isEqualTo(1);
  }

  @Test
  void aRefusal_keepsItsCode_andIsAuditedAsAFailure() {
    UUID id = db.tx.inTransaction(c ->
        requests.receive(c, db.aSubject(), RequestKind.ERASURE, "admin").id());
    SubjectRequest refused = db.tx.inTransaction(c ->
        requests.transition(c, id, RequestStatus.REFUSED, "lifecycle.held"));
    assertThat(refused.status()).isEqualTo(RequestStatus.REFUSED);
    assertThat(db.events("request.refused", "failure", id)).isEqualTo(1);
    assertThat(db.count("SELECT COUNT(*) FROM data_subject_requests WHERE id = ?"
        + " AND error_code = 'lifecycle.held'", id)).isEqualTo(1);
  }

  @Test
  void anIllegalMove_isRefused_andChangesNothing() {
    UUID id = db.tx.inTransaction(c ->
        requests.receive(c, db.aSubject(), RequestKind.MIGRATION, "admin").id());
    assertThatThrownBy(() -> db.tx.inTransaction(c ->
        requests.transition(c, id, RequestStatus.DONE)))
        .isInstanceOfSatisfying(LifecycleException.class, e -> assertThat(e.code())
            .isEqualTo(LifecycleErrorCode.REQUEST_TRANSITION_INVALID));
    SubjectRequest unchanged = db.tx.inTransaction(c -> requests.find(c, id)).orElseThrow();
    assertThat(unchanged.status()).isEqualTo(RequestStatus.RECEIVED);
    assertThat(unchanged.history()).hasSize(1);
    assertThat(db.events("request.done", "success", id)).isZero();
  }

  @Test
  void aRequest_keepsThePolicyVersionInForceWhenReceived_afterThePolicyChanged() {
    UUID subject = db.aSubject();
    UUID before = db.tx.inTransaction(c ->
        requests.receive(c, subject, RequestKind.EXPORT, "dpo-1").id());
    SubjectRequests underNewPolicy = new SubjectRequests(CLOCK, db.audit, "2027-01");
    UUID after = db.tx.inTransaction(c ->
        underNewPolicy.receive(c, subject, RequestKind.EXPORT, "dpo-1").id());

    db.tx.inTransaction(c -> underNewPolicy.transition(c, before, RequestStatus.RUNNING));

    assertThat(db.tx.inTransaction(c -> requests.find(c, before)).orElseThrow()
        .policyVersion()).contains(POLICY_VERSION);
    assertThat(db.tx.inTransaction(c -> requests.find(c, after)).orElseThrow()
        .policyVersion()).contains("2027-01");
  }

  @Test
  void anUnknownRequest_isNotFound() {
    UUID unknown = UUID.randomUUID();
    assertThatThrownBy(() -> db.tx.inTransaction(c ->
        requests.transition(c, unknown, RequestStatus.RUNNING)))
        .isInstanceOfSatisfying(LifecycleException.class, e -> assertThat(e.code())
            .isEqualTo(LifecycleErrorCode.REQUEST_NOT_FOUND));
    java.util.Optional<SubjectRequest> found = db.tx.inTransaction(c -> requests.find(c, unknown));
    assertThat(found).isEmpty();
  }
}
