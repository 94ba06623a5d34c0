package io.lethe.server.problem;

import java.util.UUID;

/** A deletion refused because a legal hold applies; the message carries the hold's reason. */
public final class HeldException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final UUID holdId;

  public HeldException(UUID holdId, String reason, String caseReference) {
    super("A legal hold applies (case " + caseReference + "): " + reason);
    this.holdId = holdId;
  }

  public UUID holdId() {
    return holdId;
  }
}
