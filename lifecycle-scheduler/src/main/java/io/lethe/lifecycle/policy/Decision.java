package io.lethe.lifecycle.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What the retention sweep does with one record now. Expected outcomes, not errors. */
public sealed interface Decision
    permits Decision.Retain, Decision.Delete, Decision.Anonymize, Decision.Held {

  /**
   * Not yet due.
   *
   * @param until when it becomes due; empty while the event its period counts from (such as the
   *     subject closing the account) has not happened
   */
  record Retain(Optional<Instant> until) implements Decision {
    public Retain {
      Objects.requireNonNull(until, "until");
    }
  }

  /** Due, and the policy says delete. */
  record Delete() implements Decision {}

  /** Due, and the policy says anonymize. */
  record Anonymize() implements Decision {}

  /**
   * A legal hold applies: nothing happens, whatever the expiry.
   *
   * @param holdId the hold that blocks it (the first active one, in the order the facts list)
   */
  record Held(String holdId) implements Decision {
    public Held {
      Objects.requireNonNull(holdId, "holdId");
    }
  }
}
