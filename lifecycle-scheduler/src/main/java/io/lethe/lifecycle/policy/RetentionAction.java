package io.lethe.lifecycle.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What happens to a record once its retention period has run out. */
public enum RetentionAction {
  /** Purge the record and its objects. */
  DELETE("delete"),
  /**
   * Generalize identifying fields and unlink the record from its subject so it can only serve
   * statistics. Objects (photos) cannot be generalized and are deleted.
   */
  ANONYMIZE("anonymize");

  private final String policyName;

  RetentionAction(String policyName) {
    this.policyName = policyName;
  }

  public String policyName() {
    return policyName;
  }

  public static Optional<RetentionAction> fromPolicyName(String name) {
    return Arrays.stream(values()).filter(a -> a.policyName.equals(name)).findFirst();
  }

  static List<String> policyNames() {
    return Arrays.stream(values()).map(RetentionAction::policyName).toList();
  }
}
