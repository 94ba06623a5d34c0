package io.lethe.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The events below a chain floor: exactly the links retention recorded as kept, each unchanged.
 * Their predecessors may be dropped, so the link to the previous event cannot be followed; the
 * recorded hash, taken from a chain verified when the floor was set, stands in for it.
 */
final class BelowFloor {

  private final SortedMap<Long, String> kept;
  private final NavigableMap<Long, String> unseen;

  BelowFloor(ChainFloor floor) {
    this.kept = floor.keptBelow();
    this.unseen = new TreeMap<>(kept);
  }

  /** The problem with one event below the floor, or null if it is a kept link, unchanged. */
  VerificationResult check(long seq, JsonNode document) {
    VerificationResult missing = missingBefore(seq);
    if (missing != null) {
      return missing;
    }
    String recorded = unseen.remove(seq);
    if (recorded == null) {
      return new VerificationResult.Broken(seq, kept.containsKey(seq)
          ? "a second event claims this sequence number"
          : "an event below the retained chain's floor that retention did not keep");
    }
    JsonNode chain = document.path("lethe").path("chain");
    String prev = chain.path("prev").asText();
    // The hash covers prev, so a kept event cannot be re-linked without changing it.
    if (!prev.matches("[0-9a-f]{64}")
        || !recorded.equals(ChainLink.digest(prev, CanonicalJson.of(document)))
        || !recorded.equals(chain.path("hash").asText())) {
      return new VerificationResult.Broken(seq, "the event was changed after it was chained");
    }
    return null;
  }

  /** The first run of kept links not seen before {@code seq}, as a gap; null if none. */
  VerificationResult missingBefore(long seq) {
    if (unseen.isEmpty() || unseen.firstKey() >= seq) {
      return null;
    }
    long from = unseen.firstKey();
    long to = from;
    while (to + 1 < seq && unseen.containsKey(to + 1)) {
      to++;
    }
    return new VerificationResult.Gap(from, to);
  }
}
