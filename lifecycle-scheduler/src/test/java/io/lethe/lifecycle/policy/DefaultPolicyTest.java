package io.lethe.lifecycle.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultPolicyTest {

  private static final RetentionPolicy POLICY = RetentionPolicy.defaultPolicy();
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void loads_withAVersionAndTheAgreedClasses() {
    assertThat(POLICY.version()).isNotBlank();
    assertThat(POLICY.rules()).containsKeys("biometric-transient", "location-transient",
        "device-log-6-months", "account-lifetime", "service-record", "accident-record",
        "study-period");
  }

  @Test
  void everyClass_hasADescriptionAndAPeriodBetweenMinutesAndFiveYears() {
    assertThat(POLICY.rules().values()).allSatisfy(rule -> {
      assertThat(rule.description()).as(rule.retentionClass()).isNotBlank();
      assertThat(lengthOf(rule)).as(rule.retentionClass())
          .isGreaterThanOrEqualTo(Duration.ofMinutes(1))
          .isLessThanOrEqualTo(Duration.ofDays(5 * 366));
    });
  }

  @Test
  void faceData_isKeptMinutesAfterVerification_thenDeleted() {
    RetentionRule rule = POLICY.rule("biometric-transient");

    assertThat(rule.countedFrom()).isEqualTo(Trigger.VERIFICATION_DONE);
    assertThat(rule.action()).isEqualTo(RetentionAction.DELETE);
    assertThat(lengthOf(rule)).isLessThanOrEqualTo(Duration.ofHours(1));
  }

  @Test
  void deviceLogs_areKeptExactlySixCalendarMonthsFromCreation() {
    RetentionRule rule = POLICY.rule("device-log-6-months");

    assertThat(rule.countedFrom()).isEqualTo(Trigger.RECORD_CREATED);
    assertThat(rule.expiresAt(Map.of(Trigger.RECORD_CREATED, T0)))
        .contains(Instant.parse("2025-07-01T00:00:00Z"));
  }

  @Test
  void preciseLocation_isKeptAtMostADay() {
    assertThat(lengthOf(POLICY.rule("location-transient"))).isLessThanOrEqualTo(Duration.ofDays(1));
  }

  @Test
  void accountData_livesUntilTheAccountIsClosedPlusAGracePeriod() {
    RetentionRule rule = POLICY.rule("account-lifetime");

    assertThat(rule.countedFrom()).isEqualTo(Trigger.SUBJECT_CLOSED);
    assertThat(rule.expiresAt(Map.of(Trigger.RECORD_CREATED, T0))).isEmpty();
    assertThat(lengthOf(rule)).isBetween(Duration.ofDays(1), Duration.ofDays(90));
  }

  @Test
  void studyPhotos_goSoonAfterTheStudyPeriodEnds() {
    RetentionRule rule = POLICY.rule("study-period");

    assertThat(rule.countedFrom()).isEqualTo(Trigger.PURPOSE_FULFILLED);
    assertThat(lengthOf(rule)).isLessThanOrEqualTo(Duration.ofDays(31));
  }

  @Test
  void recordsWithoutAnAccountTrigger_expireEvenIfNoOtherEventIsEverRecorded() {
    // Counting from creation guarantees an end date; these classes must not wait for an event.
    assertThat(POLICY.rules().values())
        .filteredOn(r -> r.countedFrom() == Trigger.RECORD_CREATED)
        .extracting(RetentionRule::retentionClass)
        .contains("device-log-6-months", "location-transient", "service-record",
            "accident-record");
  }

  private static Duration lengthOf(RetentionRule rule) {
    return Duration.between(T0, rule.period().addTo(T0));
  }
}
