package io.lethe.lifecycle.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The event a retention period is counted from. Each has the name policy files use. */
public enum Trigger {
  /** The record (or object) was stored. Always known, so the record always gets a date. */
  RECORD_CREATED("record-created"),
  /** The subject's account was closed (deleted by its owner or by the service). */
  SUBJECT_CLOSED("subject-closed"),
  /** The purpose the data was collected for is done, e.g. the study period ended. */
  PURPOSE_FULFILLED("purpose-fulfilled"),
  /** An identity verification that used the data has finished, whatever its result. */
  VERIFICATION_DONE("verification-done");

  private final String policyName;

  Trigger(String policyName) {
    this.policyName = policyName;
  }

  /** The name used in policy files, e.g. {@code subject-closed}. */
  public String policyName() {
    return policyName;
  }

  /**
   * True for the events a record is written at: every record is created by the operation it
   * stands for (a face verification record when the verification is done), so its creation time
   * is the event's time, then and whenever a later policy counts from it.
   */
  public boolean atCreation() {
    return this == RECORD_CREATED || this == VERIFICATION_DONE;
  }

  public static Optional<Trigger> fromPolicyName(String name) {
    return Arrays.stream(values()).filter(t -> t.policyName.equals(name)).findFirst();
  }

  static List<String> policyNames() {
    return Arrays.stream(values()).map(Trigger::policyName).toList();
  }
}
