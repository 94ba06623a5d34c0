package io.lethe.lifecycle.erasure;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Where an erasure run stands: erasures up to this one (in request order) were held, failed or
 * only counted (dry run) in this run, and are not taken again by it. An erasure in progress is
 * not passed: the next batch continues it.
 */
record ErasureCursor(Instant requestedAt, UUID subjectId) {

  /** The position before any erasure was passed; the run's position must never be empty. */
  static final String START = "start";

  ErasureCursor {
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(subjectId, "subjectId");
  }

  static ErasureCursor past(Erasure e) {
    return new ErasureCursor(e.requestedAt(), e.subjectId());
  }

  /** An instant and an id, nothing personal. */
  String encode() {
    return requestedAt + "|" + subjectId;
  }

  static Optional<ErasureCursor> decode(Optional<String> position) {
    if (position.isEmpty() || position.get().equals(START)) {
      return Optional.empty();
    }
    String p = position.get();
    int bar = p.indexOf('|');
    if (bar < 0) {
      throw new IllegalArgumentException("not an erasure position");
    }
    return Optional.of(new ErasureCursor(Instant.parse(p.substring(0, bar)),
        UUID.fromString(p.substring(bar + 1))));
  }
}
