package io.lethe.lifecycle.redate;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.lifecycle.policy.RetentionRule;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PeriodStartTest {

  private static final RetentionPolicy POLICY = RedatePolicies.v1();
  private static final RetentionRule LOGS = POLICY.rule("device-log-6-months");
  private static final RetentionRule ACCOUNTS = POLICY.rule("account-lifetime");
  private static final RetentionRule STUDIES = POLICY.rule("study-period");
  private static final Instant CREATED = Instant.parse("2026-01-31T08:00:00Z");
  private static final Instant LATER = Instant.parse("2026-03-10T12:00:00Z");

  @Test
  void theRecordedStart_countsWhenItIsTheRulesEvent() {
    assertThat(PeriodStart.of(STUDIES, dated(LATER, "purpose-fulfilled"), "1"))
        .isEqualTo(new PeriodStart.Known(LATER));
  }

  @Test
  void creation_isKnownForEveryRecord_whateverItWasDatedFrom() {
    assertThat(PeriodStart.of(LOGS, dated(LATER, "subject-closed"), "1"))
        .isEqualTo(new PeriodStart.Known(CREATED));
    assertThat(PeriodStart.of(LOGS, undated(Optional.empty()), "1"))
        .isEqualTo(new PeriodStart.Known(CREATED));
  }

  @Test
  void closure_isTheSubjectsClosure_andHasNotHappenedForAnOpenAccount() {
    assertThat(PeriodStart.of(ACCOUNTS, undated(Optional.of(LATER)), "1"))
        .isEqualTo(new PeriodStart.Known(LATER));
    assertThat(PeriodStart.of(ACCOUNTS, dated(CREATED, "record-created"), "1"))
        .isEqualTo(new PeriodStart.NotHappened());
  }

  @Test
  void fulfilment_ofARecordDatedFromAnotherEvent_hasNotHappened() {
    assertThat(PeriodStart.of(STUDIES, dated(CREATED, "record-created"), "1"))
        .isEqualTo(new PeriodStart.NotHappened());
  }

  @Test
  void fulfilment_datedBeforeStartsWereRecorded_isTracedBackOnlyUnderTheVersionThatDatedIt() {
    Candidate legacy = withoutStart(Instant.parse("2026-03-17T12:00:00Z"), "1");

    assertThat(PeriodStart.of(STUDIES, legacy, "1")).isEqualTo(new PeriodStart.Known(LATER));
    assertThat(PeriodStart.of(STUDIES, legacy, "2")).isEqualTo(new PeriodStart.NotRecorded());
  }

  private static Candidate dated(Instant from, String event) {
    return new Candidate(UUID.randomUUID(), UUID.randomUUID(), "t", "c", CREATED,
        Optional.of(from.plusSeconds(60)), Optional.of("0"), Optional.of(from),
        Optional.of(event), Optional.empty());
  }

  private static Candidate undated(Optional<Instant> closedAt) {
    return new Candidate(UUID.randomUUID(), UUID.randomUUID(), "t", "c", CREATED,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), closedAt);
  }

  private static Candidate withoutStart(Instant expiresAt, String version) {
    return new Candidate(UUID.randomUUID(), UUID.randomUUID(), "t", "c", CREATED,
        Optional.of(expiresAt), Optional.of(version), Optional.empty(), Optional.empty(),
        Optional.empty());
  }
}
