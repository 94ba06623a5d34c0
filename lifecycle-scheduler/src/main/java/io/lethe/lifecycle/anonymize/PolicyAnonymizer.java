package io.lethe.lifecycle.anonymize;

import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import io.lethe.lifecycle.policy.AnonymizationRules;
import io.lethe.lifecycle.policy.FieldRule;
import io.lethe.storage.RecordAnonymizer;
import io.lethe.storage.schema.FieldDef;
import io.lethe.storage.schema.RecordType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A class's anonymize rules applied to one record's values. The policy was matched to the
 * schema at start-up, so every field has a rule; a field without one (a value stored under an
 * older schema) is dropped, the one answer that cannot leak. Pure and thread-safe.
 */
public final class PolicyAnonymizer implements RecordAnonymizer {

  private final AnonymizationRules rules;

  public PolicyAnonymizer(AnonymizationRules rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /**
   * @throws LifecycleException {@code lifecycle.policy.class-unknown} if the class has no rules
   *     for the record's type
   */
  @Override
  public Map<String, String> anonymize(RecordType type, Map<String, String> values) {
    Map<String, FieldRule> fieldRules = rules.forType(type.name()).orElseThrow(() ->
        new LifecycleException(LifecycleErrorCode.POLICY_CLASS_UNKNOWN, "retention class '"
            + rules.retentionClass() + "' has no anonymize rules for record type '"
            + type.name() + "'"));
    Map<String, String> kept = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      Optional<FieldDef> def = type.field(name);
      FieldRule rule = fieldRules.getOrDefault(name, FieldRule.DROP);
      if (def.isEmpty() || rule.action() == FieldRule.Action.DROP) {
        return;
      }
      kept.put(name, rule.action() == FieldRule.Action.KEEP ? value
          : Generalizer.apply(rule.generalization().orElseThrow(), def.get().type(), value));
    });
    return kept;
  }
}
