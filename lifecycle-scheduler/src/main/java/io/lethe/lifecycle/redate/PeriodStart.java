package io.lethe.lifecycle.redate;

import io.lethe.lifecycle.policy.RetentionRule;
import io.lethe.lifecycle.policy.Trigger;
import java.time.Instant;

/**
 * Where a record's retention period starts under a rule, from what is known of the record: the
 * start it recorded when that was the rule's event, else the event's time where the database
 * keeps it (creation, the account's closure). Pure: no database, no clock.
 */
sealed interface PeriodStart {

  /** The rule's event happened at {@code at}: the record expires at {@code at} plus the period. */
  record Known(Instant at) implements PeriodStart {}

  /** The rule's event has not happened (an open account), or never was recorded: no date. */
  record NotHappened() implements PeriodStart {}

  /**
   * A fulfilment whose time was not recorded (the record was dated before starts were, by
   * another policy version): its date is kept as it is.
   */
  record NotRecorded() implements PeriodStart {}

  /**
   * @param currentVersion the version of the policy {@code rule} belongs to: a date it computed
   *     itself can be traced back to its start through its period
   */
  static PeriodStart of(RetentionRule rule, Candidate record, String currentVersion) {
    Trigger event = rule.countedFrom();
    if (record.expiryEvent().filter(event.policyName()::equals).isPresent()) {
      return new Known(record.expiryFrom().orElseThrow());
    }
    if (event.atCreation()) {
      return new Known(record.createdAt());
    }
    if (event == Trigger.SUBJECT_CLOSED) {
      return record.subjectClosedAt().<PeriodStart>map(Known::new).orElse(new NotHappened());
    }
    // purpose-fulfilled: only the record's own start can say when, and it names another event
    // (a fulfilment was refused while the class counted from that one) or none.
    if (record.expiryEvent().isPresent() || record.expiresAt().isEmpty()) {
      return new NotHappened();
    }
    if (record.policyVersion().filter(currentVersion::equals).isPresent()) {
      // Dated by this very rule before starts were recorded: the latest start that gives its
      // date is never earlier than the real fulfilment.
      return new Known(rule.period().latestStartEndingBy(record.expiresAt().orElseThrow()));
    }
    return new NotRecorded();
  }
}
