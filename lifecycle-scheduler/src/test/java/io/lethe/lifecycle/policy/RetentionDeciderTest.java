package io.lethe.lifecycle.policy;

import static io.lethe.lifecycle.policy.RecordFactsBuilder.aRecordExpiringAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionDeciderTest {

  private static final RetentionDecider DECIDER =
      new RetentionDecider(RetentionPolicy.defaultPolicy());
  private static final Instant EXPIRY = Instant.parse("2025-07-01T00:00:00Z");
  private static final Instant BEFORE = EXPIRY.minus(Duration.ofSeconds(1));
  private static final Instant AFTER = EXPIRY.plus(Duration.ofDays(400));

  @Test
  void notYetExpired_isRetainedUntilItsExpiry() {
    assertThat(DECIDER.decide(aLog().build(), BEFORE))
        .isEqualTo(new Decision.Retain(Optional.of(EXPIRY)));
  }

  @Test
  void expired_withActionDelete_isDeleted_fromTheExpiryInstantOn() {
    assertThat(DECIDER.decide(aLog().build(), EXPIRY)).isInstanceOf(Decision.Delete.class);
    assertThat(DECIDER.decide(aLog().build(), AFTER)).isInstanceOf(Decision.Delete.class);
  }

  @Test
  void expired_withActionAnonymize_isAnonymized() {
    RecordFacts accident = aLog().inClass("accident-record").build();

    assertThat(DECIDER.decide(accident, AFTER)).isInstanceOf(Decision.Anonymize.class);
  }

  @Test
  void withoutExpiry_becauseTheTriggerHasNotHappened_isRetainedOpenEnded() {
    RecordFacts openAccount = aLog().inClass("account-lifetime").withoutExpiry().build();

    assertThat(DECIDER.decide(openAccount, AFTER))
        .isEqualTo(new Decision.Retain(Optional.empty()));
  }

  @Test
  void held_isHeld_evenLongAfterExpiry_whateverTheAction() {
    assertThat(DECIDER.decide(aLog().held(HoldRef.indefinite("hold-1")).build(), AFTER))
        .isEqualTo(new Decision.Held("hold-1"));
    assertThat(DECIDER.decide(aLog().inClass("accident-record")
        .held(HoldRef.indefinite("hold-2")).build(), AFTER))
        .isEqualTo(new Decision.Held("hold-2"));
  }

  @Test
  void held_beforeExpiry_reportsTheHoldRatherThanRetain() {
    assertThat(DECIDER.decide(aLog().held(HoldRef.indefinite("hold-1")).build(), BEFORE))
        .isEqualTo(new Decision.Held("hold-1"));
  }

  @Test
  void releasedHold_makesTheRecordEligibleAgain() {
    assertThat(DECIDER.decide(aLog().held(HoldRef.indefinite("hold-1")).build(), AFTER))
        .isInstanceOf(Decision.Held.class);

    // A released hold is no longer listed in the facts; the record's expiry applies again.
    assertThat(DECIDER.decide(aLog().build(), AFTER)).isInstanceOf(Decision.Delete.class);
  }

  @Test
  void isPure_theSameFactsAndInstantAlwaysGiveTheSameDecision() {
    RecordFacts facts = aLog().held(HoldRef.until("h", EXPIRY)).build();

    assertThat(DECIDER.decide(facts, AFTER)).isEqualTo(DECIDER.decide(facts, AFTER));
    assertThat(DECIDER.decide(facts, BEFORE)).isEqualTo(new Decision.Held("h"));
  }

  @Test
  void lapsedHold_isIgnored_butAStillRunningOneWins() {
    HoldRef lapsed = HoldRef.until("old", AFTER.minus(Duration.ofDays(1)));
    HoldRef running = HoldRef.until("current", AFTER.plus(Duration.ofDays(1)));

    assertThat(DECIDER.decide(aLog().held(lapsed).build(), AFTER))
        .isInstanceOf(Decision.Delete.class);
    assertThat(DECIDER.decide(aLog().held(lapsed).held(running).build(), AFTER))
        .isEqualTo(new Decision.Held("current"));
    assertThat(DECIDER.decide(aLog().held(HoldRef.until("ends-now", AFTER)).build(), AFTER))
        .isInstanceOf(Decision.Delete.class);
  }

  @Test
  void recordOfAClassThePolicyLacks_failsRatherThanGuessing() {
    RecordFacts orphan = aLog().inClass("no-such-class").held(HoldRef.indefinite("h")).build();

    assertThatThrownBy(() -> DECIDER.decide(orphan, AFTER))
        .isInstanceOfSatisfying(LifecycleException.class,
            e -> assertThat(e.code()).isEqualTo(LifecycleErrorCode.POLICY_CLASS_UNKNOWN));
  }

  private static RecordFactsBuilder aLog() {
    return aRecordExpiringAt(EXPIRY);
  }
}
