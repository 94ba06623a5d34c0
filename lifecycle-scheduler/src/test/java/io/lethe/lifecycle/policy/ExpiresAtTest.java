package io.lethe.lifecycle.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import io.lethe.storage.Expiry;
import io.lethe.storage.RecordExpiry;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpiresAtTest {

  private static final RetentionPolicy POLICY = RetentionPolicy.parse("triggers.yaml", """
      version: 1
      retentionClasses:
        monthly:
          period: P1M
          countedFrom: record-created
          action: delete
        face:
          period: PT10M
          countedFrom: verification-done
          action: delete
        account:
          period: P30D
          countedFrom: subject-closed
          action: delete
        study:
          period: P1DT12H
          countedFrom: purpose-fulfilled
          action: delete
      """);

  private static final Instant CREATED = Instant.parse("2025-01-31T08:00:00Z");

  @Test
  void recordCreated_plusOneMonth_fromJanuary31_endsOnFebruary28() {
    assertThat(POLICY.expiresAt("monthly", Map.of(Trigger.RECORD_CREATED, CREATED)))
        .contains(Instant.parse("2025-02-28T08:00:00Z"));
  }

  @Test
  void verificationDone_plusTenMinutes() {
    Instant verified = Instant.parse("2025-03-01T23:55:00Z");

    assertThat(POLICY.expiresAt("face", Map.of(Trigger.RECORD_CREATED, CREATED,
        Trigger.VERIFICATION_DONE, verified)))
        .contains(Instant.parse("2025-03-02T00:05:00Z"));
  }

  @Test
  void subjectClosed_plusGracePeriod_onceTheAccountIsClosed() {
    Instant closed = Instant.parse("2025-12-15T00:00:00Z");

    assertThat(POLICY.expiresAt("account", Map.of(Trigger.RECORD_CREATED, CREATED,
        Trigger.SUBJECT_CLOSED, closed)))
        .contains(Instant.parse("2026-01-14T00:00:00Z"));
  }

  @Test
  void purposeFulfilled_plusCombinedPeriod() {
    Instant ended = Instant.parse("2025-06-30T12:00:00Z");

    assertThat(POLICY.expiresAt("study", Map.of(Trigger.PURPOSE_FULFILLED, ended)))
        .contains(Instant.parse("2025-07-02T00:00:00Z"));
  }

  @Test
  void isEmpty_whileTheTriggerEventHasNotHappened() {
    Map<Trigger, Instant> openAccount = Map.of(Trigger.RECORD_CREATED, CREATED);

    assertThat(POLICY.expiresAt("account", openAccount)).isEmpty();
    assertThat(POLICY.expiresAt("face", openAccount)).isEmpty();
    assertThat(POLICY.expiresAt("study", openAccount)).isEmpty();
    assertThat(POLICY.expiresAt("monthly", Map.of())).isEmpty();
  }

  @Test
  void ofAnUnknownClass_failsWithTheClassUnknownCode() {
    assertThatThrownBy(() -> POLICY.expiresAt("photos", Map.of(Trigger.RECORD_CREATED, CREATED)))
        .isInstanceOfSatisfying(LifecycleException.class, e -> {
          assertThat(e.code()).isEqualTo(LifecycleErrorCode.POLICY_CLASS_UNKNOWN);
          assertThat(e.getMessage()).startsWith("lifecycle.policy.class-unknown: ")
              .contains("'photos'");
        });
  }

  @Test
  void recordExpiry_datesClassesCountedFromAnEventAtCreation_withTheirStartAndVersion() {
    RecordExpiry expiry = POLICY.recordExpiry();

    assertThat(expiry.onCreate("monthly", CREATED)).contains(new Expiry(
        Instant.parse("2025-02-28T08:00:00Z"), "1", CREATED, "record-created"));
    assertThat(expiry.onCreate("face", CREATED)).contains(new Expiry(
        Instant.parse("2025-01-31T08:10:00Z"), "1", CREATED, "verification-done"));
    assertThat(expiry.onCreate("account", CREATED)).isEmpty();
    assertThat(expiry.onCreate("study", CREATED)).isEmpty();
    assertThatThrownBy(() -> expiry.onCreate("unknown", CREATED))
        .isInstanceOfSatisfying(LifecycleException.class,
            e -> assertThat(e.code()).isEqualTo(LifecycleErrorCode.POLICY_CLASS_UNKNOWN));
  }
}
