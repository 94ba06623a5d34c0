package io.lethe.lifecycle.policy;

import io.lethe.storage.Expiry;
import io.lethe.storage.RecordExpiry;
import java.time.Instant;
import java.util.Optional;

/**
 * Dates new records by a policy: a class counted from an event that happens when the record is
 * written gets its expiry, its start (the creation time) and the policy's version at once;
 * closing an account and fulfilling a purpose come later and date the record then (ADR 0017).
 */
final class PolicyRecordExpiry implements RecordExpiry {

  private final RetentionPolicy policy;

  PolicyRecordExpiry(RetentionPolicy policy) {
    this.policy = policy;
  }

  @Override
  public Optional<Expiry> onCreate(String retentionClass, Instant createdAt) {
    RetentionRule rule = policy.rule(retentionClass);
    if (!rule.countedFrom().atCreation()) {
      return Optional.empty();
    }
    return Optional.of(policy.expiry(rule, createdAt));
  }
}
