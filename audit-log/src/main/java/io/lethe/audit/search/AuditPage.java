package io.lethe.audit.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** One page of events in time order, the cursor of the next page, and the total that matched. */
public record AuditPage(List<JsonNode> events, Optional<String> next, long total) {
  public AuditPage {
    events = List.copyOf(events);
  }
}
