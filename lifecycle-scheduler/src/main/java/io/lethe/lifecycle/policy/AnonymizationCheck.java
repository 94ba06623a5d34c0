package io.lethe.lifecycle.policy;

import io.lethe.storage.fields.FieldType;
import io.lethe.storage.fields.MaskingRule;
import io.lethe.storage.schema.Category;
import io.lethe.storage.schema.FieldDef;
import io.lethe.storage.schema.RecordType;
import io.lethe.storage.schema.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Matches anonymize rules to the schema. Refuses a policy whose anonymized copy could still name
 * someone: a rule that keeps a field which identifies a person on its own, a record type of the
 * class left without rules, a field without a rule (no silent default: a field added to the
 * schema later must be decided on, not kept or dropped by accident).
 */
final class AnonymizationCheck {

  /**
   * Types whose value points at one person or one object of one person: IDs, contact points,
   * vehicle and device identifiers, exact places and times, and free text, which can hold any of
   * them.
   */
  static final Set<FieldType> IDENTIFYING_TYPES = EnumSet.of(FieldType.CN_ID_NUMBER,
      FieldType.CN_MOBILE, FieldType.EMAIL, FieldType.CN_PLATE, FieldType.VIN,
      FieldType.GEO_POINT, FieldType.IP_ADDRESS, FieldType.MAC_ADDRESS, FieldType.IMEI,
      FieldType.BANK_CARD, FieldType.DATE, FieldType.DATETIME, FieldType.TEXT);

  private final String source;
  private final Schema schema;

  AnonymizationCheck(String source, Schema schema) {
    this.source = source;
    this.schema = schema;
  }

  List<PolicyProblem> problems(Collection<AnonymizationRules> classes) {
    List<PolicyProblem> problems = new ArrayList<>();
    for (AnonymizationRules rules : classes) {
      check(rules, problems);
    }
    problems.sort(Comparator.comparingInt(PolicyProblem::line));
    return problems;
  }

  /**
   * Why keeping {@code field} would leave someone identifiable; empty if it may be kept. The
   * schema already says which fields are sensitive enough to mask or to index for lookups, and
   * a value worth masking or finding a person by is not one to keep.
   */
  static Optional<String> whyIdentifying(FieldDef field) {
    if (IDENTIFYING_TYPES.contains(field.type())) {
      return Optional.of("its type " + field.type().yamlName() + " identifies a person, a"
          + " vehicle, a device, an exact place or time, or is free text");
    }
    if (field.category() == Category.BIOMETRIC) {
      return Optional.of("it is biometric (a face or site photo)");
    }
    if (field.searchable()) {
      return Optional.of("it is searchable: a value to find a person by");
    }
    if (field.masking() != MaskingRule.NONE) {
      return Optional.of("the schema masks it (" + field.masking().yamlName()
          + "): a name, an address, a number or a photo reference");
    }
    return Optional.empty();
  }

  private void check(AnonymizationRules rules, List<PolicyProblem> problems) {
    String cls = rules.retentionClass();
    for (RecordType type : schema.recordTypes().values()) {
      if (type.retentionClass().equals(cls) && rules.forType(type.name()).isEmpty()) {
        problems.add(problem(rules.line(), cls, "record type '" + type.name() + "' is in this"
            + " class but has no anonymize rules; under 'anonymize', give each of its fields"
            + " drop, keep or generalize(<how>)"));
      }
    }
    rules.fields().forEach((typeName, fieldRules) -> {
      Optional<RecordType> type = schema.recordType(typeName);
      if (type.isEmpty()) {
        problems.add(problem(rules.lineOf(typeName, null), cls,
            "record type '" + typeName + "' is not in the schema"));
        return;
      }
      if (!type.get().retentionClass().equals(cls)) {
        problems.add(problem(rules.lineOf(typeName, null), cls, "record type '" + typeName
            + "' is in class '" + type.get().retentionClass() + "', not this one"));
        return;
      }
      check(rules, type.get(), fieldRules, problems);
    });
  }

  private void check(AnonymizationRules rules, RecordType type, Map<String, FieldRule> fieldRules,
      List<PolicyProblem> problems) {
    String cls = rules.retentionClass();
    for (String field : type.fields().keySet()) {
      if (!fieldRules.containsKey(field)) {
        problems.add(problem(rules.lineOf(type.name(), null), cls, "field " + type.name() + "."
            + field + " has no rule; write drop, keep or generalize(<how>)"));
      }
    }
    fieldRules.forEach((field, rule) -> {
      int line = rules.lineOf(type.name(), field);
      Optional<FieldDef> def = type.field(field);
      if (def.isEmpty()) {
        problems.add(problem(line, cls, "field " + type.name() + "." + field
            + " is not in the schema"));
        return;
      }
      if (rule.action() == FieldRule.Action.KEEP) {
        whyIdentifying(def.get()).ifPresent(why -> problems.add(problem(line, cls,
            "field " + type.name() + "." + field + " cannot be kept: " + why
                + "; drop it or generalize it")));
      }
      rule.generalization().filter(g -> !g.appliesTo(def.get().type())).ifPresent(g ->
          problems.add(problem(line, cls, "generalize(" + g.policyName() + ") does not apply"
              + " to " + type.name() + "." + field + " of type " + def.get().type().yamlName()
              + " (it applies to " + String.join(", ", g.typeNames()) + ")")));
    });
  }

  private PolicyProblem problem(int line, String cls, String message) {
    return new PolicyProblem(source, line, cls, message);
  }
}
