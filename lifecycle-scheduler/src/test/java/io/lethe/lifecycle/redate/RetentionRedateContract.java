package io.lethe.lifecycle.redate;

import static io.lethe.lifecycle.redate.RedatePolicies.ACCOUNTS;
import static io.lethe.lifecycle.redate.RedatePolicies.DEVICE_LOGS;
import static io.lethe.lifecycle.redate.RedatePolicies.STUDIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import io.lethe.lifecycle.LifecycleFixture;
import io.lethe.lifecycle.MutableClock;
import io.lethe.lifecycle.holds.HoldRequest;
import io.lethe.lifecycle.jobs.JobCounts;
import io.lethe.lifecycle.jobs.JobRun;
import io.lethe.lifecycle.jobs.JobRunStatus;
import io.lethe.lifecycle.jobs.JobRunner;
import io.lethe.lifecycle.jobs.JobRuns;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.lifecycle.retention.FailingAfter;
import io.lethe.lifecycle.retention.RetentionSweep;
import io.lethe.lifecycle.retention.SweepFixture;
import io.lethe.lifecycle.triggers.RetentionTriggers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A changed policy dates existing records again, and the sweep acts on the new dates; against
 * one database, subclassed once per database. Time is a {@link MutableClock} given to the
 * runner: the sweep's "now" is the run's start.
 */
abstract class RetentionRedateContract {

  static final RetentionPolicy V1 = RedatePolicies.v1();
  static final RetentionPolicy SHORTER = RedatePolicies.of("2", DEVICE_LOGS,
      "period: P3M\n    countedFrom: record-created");
  static final RetentionPolicy LONGER = RedatePolicies.of("2", DEVICE_LOGS,
      "period: P1Y\n    countedFrom: record-created");
  /** Four months on: due under three months, not under six. */
  static final Duration FOUR_MONTHS = Duration.ofDays(122);

  protected abstract SweepFixture fixture();

  SweepFixture f;
  LifecycleFixture db;
  RedateRecords records;
  final MutableClock clock = new MutableClock(Instant.now());
  JobRunner runner;

  @BeforeEach
  void clean() {
    f = fixture();
    db = f.db;
    records = new RedateRecords(db);
    records.retireEarlierRecords();
    runner = new JobRunner(db.dataSource, db.audit, clock, 2);
  }

  @Test
  void shorterPeriod_redatesExistingRecords_andTheSweepThenDeletesThem() {
    List<UUID> logs = records.deviceLogs(db.aSubject(), 3, V1);
    clock.advance(FOUR_MONTHS);
    assertThat(sweepUnder(SHORTER).counts().deleted()).as("not before they are redated")
        .isZero();

    JobRun redate = runner.run(new RetentionRedate(SHORTER), false);

    assertThat(redate.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(redate.jobName()).isEqualTo("retention-redate");
    assertThat(redate.policyVersion()).contains("2");
    assertThat(redate.counts()).isEqualTo(new JobCounts(3, 0, 0, 0, 0, 0, 3));
    for (UUID log : logs) {
      Instant created = records.createdAt(log);
      assertThat(records.dating(log)).isEqualTo(new Dating(
          SHORTER.rule("device-log-6-months").period().addTo(created), "2", created,
          "record-created"));
      assertThat(db.events("record.redate", "success", log)).isOne();
    }

    JobRun sweep = sweepUnder(SHORTER);

    assertThat(sweep.counts().deleted()).isEqualTo(3);
    logs.forEach(log -> assertThat(db.state(log)).isEqualTo("DELETED"));
  }

  @Test
  void longerPeriod_redatesExistingRecords_soTheSweepDoesNotDeleteThemEarly() {
    List<UUID> logs = records.deviceLogs(db.aSubject(), 3, V1);
    clock.advance(Duration.ofDays(200));
    assertThat(runner.run(sweepJob(LONGER), true).counts().deleted())
        .as("their old dates are past").isEqualTo(3);

    JobRun redate = runner.run(new RetentionRedate(LONGER), false);
    JobRun sweep = sweepUnder(LONGER);

    assertThat(redate.counts().redated()).isEqualTo(3);
    assertThat(sweep.counts()).isEqualTo(JobCounts.ZERO);
    for (UUID log : logs) {
      assertThat(db.state(log)).isEqualTo("ACTIVE");
      assertThat(records.dating(log).expiresAt())
          .isEqualTo(records.createdAt(log).atOffset(java.time.ZoneOffset.UTC).plusYears(1)
              .toInstant());
    }
  }

  @Test
  void aHeldRecord_getsItsNewDateToo_butTheSweepSkipsItWhileHeld() {
    UUID held = db.aSubject();
    UUID heldLog = records.deviceLogs(held, 1, V1).get(0);
    UUID freeLog = records.deviceLogs(db.aSubject(), 1, V1).get(0);
    db.in(c -> db.holds.place(c, HoldRequest.onSubject(held, "litigation", "CASE-7", "admin",
        Optional.empty())));
    clock.advance(FOUR_MONTHS);

    JobRun redate = runner.run(new RetentionRedate(SHORTER), false);
    JobRun sweep = sweepUnder(SHORTER);

    assertThat(redate.counts().redated()).isEqualTo(2);
    assertThat(records.dating(heldLog).policyVersion()).isEqualTo("2");
    assertThat(sweep.counts()).isEqualTo(new JobCounts(2, 1, 0, 1, 0, 0));
    assertThat(db.state(heldLog)).isEqualTo("ACTIVE");
    assertThat(db.state(freeLog)).isEqualTo("DELETED");
  }

  @Test
  void aDryRun_countsWhatItWouldRedate_andChangesNothing() {
    List<UUID> logs = records.deviceLogs(db.aSubject(), 3, V1);
    List<Dating> before = logs.stream().map(records::dating).toList();
    // A version no other test runs, so that no earlier real run counts.
    RetentionPolicy shorter = RedatePolicies.of("dry", DEVICE_LOGS,
        "period: P3M\n    countedFrom: record-created");

    JobRun dry = runner.run(new RetentionRedate(shorter), true);

    assertThat(dry.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(dry.dryRun()).isTrue();
    assertThat(dry.counts()).isEqualTo(new JobCounts(3, 0, 0, 0, 0, 0, 3));
    assertThat(logs.stream().map(records::dating).toList()).isEqualTo(before);
    logs.forEach(log -> assertThat(db.events("record.redate", "success", log)).isZero());
    assertThat(new PolicyChange(db.dataSource, shorter).requiresRedate())
        .as("a dry run redates nothing").isTrue();
  }

  @Test
  void aRunKilledMidway_resumes_withoutRedatingOrCountingAnythingTwice() {
    List<UUID> logs = records.deviceLogs(db.aSubject(), 7, V1);
    RetentionRedate redate = new RetentionRedate(SHORTER);
    UUID runId = runner.queue(redate, false).id();

    assertThatThrownBy(() -> runner.execute(FailingAfter.killedAfter(redate, 2), runId))
        .isInstanceOf(FailingAfter.Killed.class);
    JobRun killed = db.in(c -> new JobRuns().find(c, runId)).orElseThrow();
    assertThat(killed.status()).isEqualTo(JobRunStatus.RUNNING);
    assertThat(killed.batches()).isEqualTo(2);
    assertThat(killed.counts()).isEqualTo(new JobCounts(4, 0, 0, 0, 0, 0, 4));

    JobRun resumed = runner.execute(redate, runId);

    assertThat(resumed.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(resumed.counts()).isEqualTo(new JobCounts(7, 0, 0, 0, 0, 0, 7));
    assertThat(resumed.batches()).isEqualTo(5); // 2 + 2 + 1 + the empty one that ends the run
    for (UUID log : logs) {
      assertThat(records.dating(log).policyVersion()).isEqualTo("2");
      assertThat(db.events("record.redate", "success", log)).isOne();
    }
  }

  @Test
  void aClassNowCountedFromClosure_isDatedFromTheClosure_orUndatedWhileTheAccountIsOpen() {
    UUID open = db.aSubject();
    UUID openLog = records.deviceLogs(open, 1, V1).get(0);
    UUID closed = db.aSubject();
    UUID closedLog = records.deviceLogs(closed, 1, V1).get(0);
    Instant closedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    db.in(c -> new RetentionTriggers(V1).close(c, closed, closedAt));
    RetentionPolicy byClosure = RedatePolicies.of("2", DEVICE_LOGS,
        "period: P30D\n    countedFrom: subject-closed");

    JobRun redate = runner.run(new RetentionRedate(byClosure), false);

    assertThat(redate.counts()).isEqualTo(new JobCounts(2, 0, 0, 0, 0, 0, 2));
    assertThat(records.dating(openLog)).isEqualTo(Dating.NONE);
    assertThat(records.dating(closedLog)).isEqualTo(new Dating(
        closedAt.plus(Duration.ofDays(30)), "2", closedAt, "subject-closed"));
  }

  @Test
  void aClassNowCountedFromCreation_datesRecordsThatWaitedForTheirAccountToClose() {
    UUID account = records.anAccount(db.aSubject(), V1);
    assertThat(records.dating(account)).isEqualTo(Dating.NONE);
    RetentionPolicy byCreation = RedatePolicies.of("2", ACCOUNTS,
        "period: P30D\n    countedFrom: record-created");

    JobRun redate = runner.run(new RetentionRedate(byCreation), false);

    Instant created = records.createdAt(account);
    assertThat(redate.counts()).isEqualTo(new JobCounts(1, 0, 0, 0, 0, 0, 1));
    assertThat(records.dating(account)).isEqualTo(new Dating(created.plus(Duration.ofDays(30)),
        "2", created, "record-created"));
    assertThat(runner.run(new RetentionRedate(byCreation), false).counts())
        .as("a second run finds nothing left").isEqualTo(JobCounts.ZERO);
  }

  @Test
  void aFulfilledPurpose_isRedatedFromTheRecordedFulfilment() {
    UUID study = records.aStudySession(db.aSubject(), V1);
    Instant fulfilled = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MICROS);
    db.in(c -> new RetentionTriggers(V1).purposeFulfilled(c, study, fulfilled));
    RetentionPolicy twoWeeks = RedatePolicies.of("2", STUDIES,
        "period: P14D\n    countedFrom: purpose-fulfilled");

    runner.run(new RetentionRedate(twoWeeks), false);

    assertThat(records.dating(study)).isEqualTo(new Dating(fulfilled.plus(Duration.ofDays(14)),
        "2", fulfilled, "purpose-fulfilled"));
  }

  @Test
  void recordsDatedBeforeStartsWereRecorded_getTheirStart_fromThePolicyThatDatedThem() {
    UUID subject = db.aSubject();
    UUID log = records.deviceLogs(subject, 1, V1).get(0);
    UUID study = records.aStudySession(subject, V1);
    Instant fulfilled = Instant.now().truncatedTo(ChronoUnit.MICROS);
    db.in(c -> new RetentionTriggers(V1).purposeFulfilled(c, study, fulfilled));
    UUID olderStudy = records.aStudySession(subject, V1);
    Instant olderDate = fulfilled.plus(Duration.ofDays(2));
    records.forgetStarts(List.of(log, study));
    records.dateWithoutStart(olderStudy, olderDate, "0");
    Dating oldLog = records.dating(log);

    JobRun redate = runner.run(new RetentionRedate(V1), false);

    assertThat(redate.counts()).as("dates kept, starts filled in")
        .isEqualTo(new JobCounts(3, 0, 0, 0, 0, 0, 0));
    assertThat(records.dating(log)).isEqualTo(new Dating(oldLog.expiresAt(), "1",
        records.createdAt(log), "record-created"));
    assertThat(records.dating(study)).isEqualTo(new Dating(fulfilled.plus(Duration.ofDays(7)),
        "1", fulfilled, "purpose-fulfilled"));
    assertThat(records.dating(olderStudy)).as("its fulfilment time is not known: kept")
        .isEqualTo(new Dating(olderDate, "0", null, null));
    assertThat(db.events("record.redate", "success", log)).isZero();
  }

  @Test
  void anErasedSubjectsRecords_areLeftToTheErasure() {
    UUID erased = db.aSubject();
    UUID log = records.deviceLogs(erased, 1, V1).get(0);
    db.in(c -> db.store.destroySubjectKey(c, erased));

    JobRun redate = runner.run(new RetentionRedate(SHORTER), false);

    assertThat(redate.counts()).isEqualTo(JobCounts.ZERO);
    assertThat(records.dating(log).policyVersion()).isEqualTo("1");
  }

  @Test
  void aDatabaseWithoutLiveRecords_requiresNoRedate() {
    RetentionPolicy v7 = RedatePolicies.of("7", DEVICE_LOGS,
        "period: P3M\n    countedFrom: record-created");

    assertThat(new PolicyChange(db.dataSource, v7).requiresRedate()).isFalse();
  }

  @Test
  void aChangedPolicy_requiresARedate_untilARunSucceedsUnderItsVersion() {
    records.deviceLogs(db.aSubject(), 1, V1);
    RetentionPolicy v7 = RedatePolicies.of("7", DEVICE_LOGS,
        "period: P3M\n    countedFrom: record-created");
    PolicyChange change = new PolicyChange(db.dataSource, v7);

    assertThat(change.requiresRedate()).isTrue();
    runner.run(new RetentionRedate(v7), false);

    assertThat(change.requiresRedate()).isFalse();
    assertThat(new PolicyChange(db.dataSource, RedatePolicies.of("8")).requiresRedate()).isTrue();
  }

  @Test
  void aChangedPolicy_withoutARuleForTheClassOfStoredRecords_isRefused_andTheJobLeavesThem() {
    UUID log = records.deviceLogs(db.aSubject(), 1, V1).get(0);
    RetentionPolicy renamed = RedatePolicies.of("9", "\n  device-log-6-months:\n",
        "\n  device-logs:\n");

    assertThatThrownBy(() -> new PolicyChange(db.dataSource, renamed).requiresRedate())
        .isInstanceOfSatisfying(LifecycleException.class, e -> {
          assertThat(e.code()).isEqualTo(LifecycleErrorCode.POLICY_CLASS_UNKNOWN);
          assertThat(e.getMessage()).contains("device-log-6-months");
        });
    JobRun redate = runner.run(new RetentionRedate(renamed), false);
    assertThat(redate.counts()).isEqualTo(new JobCounts(1, 0, 0, 0, 0, 1, 0));
    assertThat(redate.lastErrorCode()).contains("lifecycle.policy.class-unknown");
    assertThat(records.dating(log).policyVersion()).isEqualTo("1");
  }

  private JobRun sweepUnder(RetentionPolicy policy) {
    return runner.run(sweepJob(policy), false);
  }

  private RetentionSweep sweepJob(RetentionPolicy policy) {
    return RetentionSweep.retentionSweep(policy, db.store, f.objects, db.holds);
  }

  /** A record's four dating columns; nulls where unset. */
  record Dating(Instant expiresAt, String policyVersion, Instant from, String event) {
    static final Dating NONE = new Dating(null, null, null, null);
  }
}
