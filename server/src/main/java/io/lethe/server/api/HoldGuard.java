package io.lethe.server.api;

import io.lethe.lifecycle.holds.LegalHold;
import io.lethe.lifecycle.holds.LegalHolds;
import io.lethe.lifecycle.policy.HoldRef;
import io.lethe.server.problem.HeldException;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Refuses deletions that a legal hold forbids, naming the hold and its reason. */
@Component
class HoldGuard {

  private final LegalHolds holds;

  HoldGuard(LegalHolds holds) {
    this.holds = holds;
  }

  void recordNotHeld(Connection c, UUID recordId) {
    refuseIfAny(c, holds.activeFor(c, recordId));
  }

  void subjectNotHeld(Connection c, UUID subjectId) {
    refuseIfAny(c, holds.activeForSubject(c, subjectId));
  }

  private void refuseIfAny(Connection c, List<HoldRef> active) {
    Instant now = Instant.now();
    for (HoldRef ref : active) {
      if (ref.appliesAt(now)) {
        LegalHold hold = holds.find(c, UUID.fromString(ref.holdId())).orElseThrow();
        throw new HeldException(hold.id(), hold.reason(), hold.caseReference());
      }
    }
  }
}
