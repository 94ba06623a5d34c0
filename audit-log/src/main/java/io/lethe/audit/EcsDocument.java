package io.lethe.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * The Elasticsearch document of an event: Elastic Common Schema fields where ECS has them, and
 * {@code lethe.*} for the rest. The outbox stores this form, so shipping sends it unchanged.
 */
public final class EcsDocument {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EcsDocument() {}

  public static String toJson(AuditEvent e) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("@timestamp", DateTimeFormatter.ISO_INSTANT.format(e.timestamp()));
    ObjectNode event = doc.putObject("event");
    event.put("id", e.id().toString());
    event.put("action", e.action());
    event.putArray("category").add(e.category());
    event.put("outcome", e.outcome().ecs());
    event.put("kind", "event");
    putIfPresent(doc, "user", "name", e.actor());
    if (!e.roles().isEmpty()) {
      addAll(object(doc, "user").putArray("roles"), e.roles());
    }
    putIfPresent(doc, "source", "ip", e.sourceIp());
    if (e.requestId() != null) {
      object(object(doc, "http"), "request").put("id", e.requestId());
    }
    putIfPresent(doc, "url", "path", e.urlPath());
    putIfPresent(doc, "error", "code", e.errorCode());
    ObjectNode lethe = doc.putObject("lethe");
    putIfPresent(lethe, "purpose", e.purpose());
    putIfPresent(lethe, "subject_id", e.subjectId());
    putIfPresent(lethe, "record_id", e.recordId());
    putIfPresent(lethe, "record_type", e.recordType());
    putIfPresent(lethe, "object_id", e.objectId());
    putIfPresent(lethe, "job_run_id", e.jobRunId());
    putIfPresent(lethe, "hold_id", e.holdId());
    if (!e.fieldNames().isEmpty()) {
      addAll(lethe.putArray("field_names"), e.fieldNames());
    }
    return io.lethe.audit.chain.CanonicalJson.of(doc);
  }

  /** The UTC month of an event, {@code YYYY.MM}: it picks the monthly index. */
  public static String monthOf(java.time.Instant timestamp) {
    return DateTimeFormatter.ofPattern("yyyy.MM")
        .withZone(java.time.ZoneOffset.UTC).format(timestamp);
  }

  private static ObjectNode object(ObjectNode parent, String name) {
    return parent.has(name) ? (ObjectNode) parent.get(name) : parent.putObject(name);
  }

  private static void putIfPresent(ObjectNode doc, String group, String field, String value) {
    if (value != null) {
      object(doc, group).put(field, value);
    }
  }

  private static void putIfPresent(ObjectNode node, String field, Object value) {
    if (value != null) {
      node.put(field, value instanceof UUID u ? u.toString() : value.toString());
    }
  }

  private static void addAll(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
