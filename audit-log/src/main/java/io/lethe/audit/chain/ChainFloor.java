package io.lethe.audit.chain;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where the retained chain starts: the first sequence number after the dropped months and the
 * hash it links to, plus the links of the retained events chained below it ({@code keptBelow},
 * hash by sequence number). Months interleave in chain order at a boundary (an access of 1 June
 * can be chained before one of 31 May), so dropping May can keep events whose sequence numbers
 * are below the floor; verify accepts exactly those, each with its recorded hash. {@link #START}
 * before anything was dropped.
 */
public record ChainFloor(long seq, String prev, SortedMap<Long, String> keptBelow) {

  public static final ChainFloor START = new ChainFloor(1, ChainLink.GENESIS);

  public ChainFloor {
    if (seq < 1) {
      throw new IllegalArgumentException("sequence numbers start at 1");
    }
    if (prev == null || !prev.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("prev must be 64 lower-case hex digits");
    }
    for (Map.Entry<Long, String> kept : keptBelow.entrySet()) {
      if (kept.getKey() < 1 || kept.getKey() >= seq) {
        throw new IllegalArgumentException("a kept link lies below the floor, from 1");
      }
      if (kept.getValue() == null || !kept.getValue().matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("a kept hash must be 64 lower-case hex digits");
      }
    }
    keptBelow = Collections.unmodifiableSortedMap(new TreeMap<>(keptBelow));
  }

  /** A floor with no retained event below it. */
  public ChainFloor(long seq, String prev) {
    this(seq, prev, new TreeMap<>());
  }
}
