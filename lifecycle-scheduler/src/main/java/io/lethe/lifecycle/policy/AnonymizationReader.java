package io.lethe.lifecycle.policy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a class's {@code anonymize} block: record type → field → rule. Only the syntax is
 * checked here; whether the rules fit the schema (every field covered, nothing identifying kept)
 * is {@link AnonymizationCheck}'s, since the policy is read before it is matched to a schema.
 */
final class AnonymizationReader {

  private final PolicyNodes nodes;

  AnonymizationReader(PolicyNodes nodes) {
    this.nodes = nodes;
  }

  Optional<AnonymizationRules> read(String retentionClass, int classLine, RetentionAction action,
      PolicyNodes.Entry block) {
    if (action == RetentionAction.DELETE) {
      if (block != null) {
        nodes.problem(block.key(), retentionClass,
            "anonymize rules only go with action anonymize; this class deletes");
      }
      return Optional.empty();
    }
    if (block == null) {
      // Only a problem if the schema has record types in this class: AnonymizationCheck says so.
      return Optional.of(new AnonymizationRules(retentionClass, Map.of(), classLine, Map.of()));
    }
    Map<String, PolicyNodes.Entry> types =
        nodes.mapping(block.value(), retentionClass, "anonymize", null);
    if (types == null) {
      return Optional.empty();
    }
    if (types.isEmpty()) {
      nodes.problem(block.value(), retentionClass, "anonymize must name at least one record type");
    }
    Map<String, Map<String, FieldRule>> rules = new LinkedHashMap<>();
    Map<String, Integer> lines = new HashMap<>();
    types.forEach((type, typeEntry) -> {
      lines.put(type, typeEntry.line());
      Map<String, PolicyNodes.Entry> fields = nodes.mapping(typeEntry.value(), retentionClass,
          "the anonymize rules of record type '" + type + "'", null);
      if (fields == null) {
        return;
      }
      Map<String, FieldRule> typeRules = new LinkedHashMap<>();
      fields.forEach((field, fieldEntry) -> {
        lines.put(type + "." + field, fieldEntry.line());
        fieldRule(retentionClass, type, field, fieldEntry)
            .ifPresent(r -> typeRules.put(field, r));
      });
      rules.put(type, typeRules);
    });
    return Optional.of(new AnonymizationRules(retentionClass, rules, block.line(), lines));
  }

  private Optional<FieldRule> fieldRule(String retentionClass, String type, String field,
      PolicyNodes.Entry entry) {
    if (!(entry.value() instanceof ScalarNode)) {
      nodes.problem(entry.value(), retentionClass, "the rule of " + type + "." + field
          + " must be drop, keep or generalize(<how>)");
      return Optional.empty();
    }
    String text = nodes.scalar(entry, retentionClass);
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(FieldRule.parse(text));
    } catch (IllegalArgumentException e) {
      nodes.problem(entry.value(), retentionClass, "the rule of " + type + "." + field + " "
          + e.getMessage());
      return Optional.empty();
    }
  }
}
