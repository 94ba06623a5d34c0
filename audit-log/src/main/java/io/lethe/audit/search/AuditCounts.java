package io.lethe.audit.search;

import java.util.Map;

/** Event counts of a query by actor, by action and by UTC day ({@code 2026-11-23}). */
public record AuditCounts(long total, Map<String, Long> byActor, Map<String, Long> byAction,
    Map<String, Long> byDay) {
  public AuditCounts {
    byActor = Map.copyOf(byActor);
    byAction = Map.copyOf(byAction);
    byDay = Map.copyOf(byDay);
  }
}
