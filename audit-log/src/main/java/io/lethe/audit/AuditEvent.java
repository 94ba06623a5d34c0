package io.lethe.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One access on record: who did what to which resource, for which purpose, with what outcome.
 * It names resources by opaque id and fields by name only; a field value, key, token or file
 * content never enters an event.
 */
public record AuditEvent(
    UUID id,
    Instant timestamp,
    String action,
    String category,
    Outcome outcome,
    String actor,
    List<String> roles,
    String sourceIp,
    String requestId,
    String urlPath,
    String errorCode,
    String purpose,
    UUID subjectId,
    UUID recordId,
    String recordType,
    List<String> fieldNames,
    UUID objectId,
    UUID jobRunId,
    UUID holdId) {

  /** ECS {@code event.outcome}; a refused permission check is a failure with an error code. */
  public enum Outcome {
    SUCCESS, FAILURE, UNKNOWN;

    public String ecs() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public AuditEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(outcome, "outcome");
    if (action == null || !action.matches("[a-z]+(\\.[a-z-]+)+")) {
      throw new IllegalArgumentException("action must be dotted lower case, e.g. record.read");
    }
    roles = roles == null ? List.of() : List.copyOf(roles);
    fieldNames = fieldNames == null ? List.of() : List.copyOf(fieldNames);
  }

  public static Builder builder(String action, Outcome outcome) {
    return new Builder(action, outcome);
  }

  /** Builds events step by step; the id and time default to a fresh UUID and now. */
  public static final class Builder {
    private final String action;
    private final Outcome outcome;
    private UUID id = UUID.randomUUID();
    private Instant timestamp = Instant.now();
    private String category = "database";
    private String actor;
    private List<String> roles = List.of();
    private String sourceIp;
    private String requestId;
    private String urlPath;
    private String errorCode;
    private String purpose;
    private UUID subjectId;
    private UUID recordId;
    private String recordType;
    private List<String> fieldNames = List.of();
    private UUID objectId;
    private UUID jobRunId;
    private UUID holdId;

    private Builder(String action, Outcome outcome) {
      this.action = action;
      this.outcome = outcome;
    }

    public Builder id(UUID v) { this.id = v; return this; }
    public Builder timestamp(Instant v) { this.timestamp = v; return this; }
    public Builder category(String v) { this.category = v; return this; }
    public Builder actor(String name, List<String> roles) { this.actor = name; this.roles = roles; return this; }
    public Builder request(String sourceIp, String requestId, String urlPath) {
      this.sourceIp = sourceIp;
      this.requestId = requestId;
      this.urlPath = urlPath;
      return this;
    }
    public Builder errorCode(String v) { this.errorCode = v; return this; }
    public Builder purpose(String v) { this.purpose = v; return this; }
    public Builder subject(UUID v) { this.subjectId = v; return this; }
    public Builder record(UUID id, String type) { this.recordId = id; this.recordType = type; return this; }
    public Builder fields(List<String> names) { this.fieldNames = names; return this; }
    public Builder object(UUID v) { this.objectId = v; return this; }
    /** The lifecycle job run that took the action, so a run's actions can be listed. */
    public Builder jobRun(UUID v) { this.jobRunId = v; return this; }
    /** The legal hold placed, released, or that blocked the action. */
    public Builder hold(UUID v) { this.holdId = v; return this; }

    public AuditEvent build() {
      return new AuditEvent(id, timestamp, action, category, outcome, actor, roles, sourceIp,
          requestId, urlPath, errorCode, purpose, subjectId, recordId, recordType, fieldNames,
          objectId, jobRunId, holdId);
    }
  }
}
