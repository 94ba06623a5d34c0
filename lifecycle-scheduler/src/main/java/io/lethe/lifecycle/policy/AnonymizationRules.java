package io.lethe.lifecycle.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The field rules of one retention class whose action is anonymize: for each record type of the
 * class, a rule for each of its fields. Immutable.
 *
 * @param fields record type → field → rule, in file order
 * @param lines where each record type ({@code type}) and field ({@code type.field}) was written,
 *     for problem reports; not part of the rules' meaning
 */
public record AnonymizationRules(String retentionClass, Map<String, Map<String, FieldRule>> fields,
    int line, Map<String, Integer> lines) {

  public AnonymizationRules {
    Objects.requireNonNull(retentionClass, "retentionClass");
    Map<String, Map<String, FieldRule>> copy = new LinkedHashMap<>();
    fields.forEach((type, rules) ->
        copy.put(type, Collections.unmodifiableMap(new LinkedHashMap<>(rules))));
    fields = Collections.unmodifiableMap(copy);
    lines = Map.copyOf(lines);
  }

  /** The rules for one record type; empty if the class has none for it. */
  public Optional<Map<String, FieldRule>> forType(String type) {
    return Optional.ofNullable(fields.get(type));
  }

  int lineOf(String type, String field) {
    Integer at = lines.get(field == null ? type : type + "." + field);
    return at == null ? line : at;
  }
}
