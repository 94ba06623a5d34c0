package io.lethe.server.api;

import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.lifecycle.policy.RetentionRule;
import io.lethe.server.security.Caller;
import io.lethe.storage.schema.FieldDef;
import io.lethe.storage.schema.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The loaded schema and retention policy, so clients see what the server enforces. */
@RestController
class SchemaController {

  private final Schema schema;
  private final RetentionPolicy policy;
  private final Caller caller;

  SchemaController(Schema schema, RetentionPolicy policy, Caller caller) {
    this.schema = schema;
    this.policy = policy;
    this.caller = caller;
  }

  /** Permission {@code schema:read}. */
  @GetMapping(path = "/v1/schema", produces = "application/json")
  Map<String, Object> schema() {
    caller.require("schema:read");
    Map<String, Object> types = new LinkedHashMap<>();
    schema.recordTypes().forEach((name, type) -> {
      Map<String, Object> fields = new LinkedHashMap<>();
      type.fields().forEach((fieldName, f) -> fields.put(fieldName, field(f)));
      types.put(name, Map.of("retentionClass", type.retentionClass(), "fields", fields));
    });
    return Map.of("version", schema.version(), "purposes", schema.purposes(),
        "recordTypes", types);
  }

  /** Permission {@code schema:read}. */
  @GetMapping(path = "/v1/policies", produces = "application/json")
  Map<String, Object> policies() {
    caller.require("schema:read");
    Map<String, Object> rules = new LinkedHashMap<>();
    policy.rules().forEach((name, r) -> rules.put(name, rule(r, policy)));
    return Map.of("version", policy.version(), "retentionClasses", rules);
  }

  private static Map<String, Object> field(FieldDef f) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", f.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    out.put("category", f.category().yamlName());
    out.put("sensitivity", f.sensitivity().name().toLowerCase(java.util.Locale.ROOT));
    out.put("masking", f.masking().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    out.put("searchable", f.searchable());
    out.put("required", f.required());
    out.put("purposes", List.copyOf(new java.util.TreeSet<>(f.purposes())));
    return out;
  }

  private static Map<String, Object> rule(RetentionRule r, RetentionPolicy policy) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("period", r.period().toString());
    out.put("countedFrom", r.countedFrom().policyName());
    out.put("action", r.action().policyName());
    // The field rules of an anonymize class: record type → field → drop | keep | generalize(..).
    policy.anonymization(r.retentionClass()).ifPresent(a -> {
      Map<String, Object> types = new LinkedHashMap<>();
      a.fields().forEach((type, fields) -> {
        Map<String, String> shown = new LinkedHashMap<>();
        fields.forEach((field, rule) -> shown.put(field, rule.toString()));
        types.put(type, shown);
      });
      out.put("anonymize", types);
    });
    return out;
  }
}
