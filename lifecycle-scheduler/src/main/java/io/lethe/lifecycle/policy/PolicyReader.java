package io.lethe.lifecycle.policy;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a policy through SnakeYAML's node API rather than its object mapping, because nodes keep
 * their line numbers and let one pass collect every problem before refusing the file.
 */
final class PolicyReader {

  // The same shape as the schema's names, so every schema class can have a rule.
  private static final Pattern CLASS_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{0,63}");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Set<String> TOP_KEYS = Set.of("version", "retentionClasses");
  private static final Set<String> RULE_KEYS =
      Set.of("period", "countedFrom", "action", "description", "anonymize");
  private static final String NO_CLASS = "";

  private final String source;
  private final PolicyNodes nodes;
  private final AnonymizationReader anonymizationReader;

  PolicyReader(String source) {
    this.source = source;
    this.nodes = new PolicyNodes(source);
    this.anonymizationReader = new AnonymizationReader(nodes);
  }

  RetentionPolicy read(String text) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      nodes.problem(line, NO_CLASS, "not valid YAML: " + e.getProblem());
      throw new PolicyException(source, nodes.problems());
    } catch (YAMLException e) {
      nodes.problem(1, NO_CLASS, "not valid YAML");
      throw new PolicyException(source, nodes.problems());
    }
    if (root == null) {
      nodes.problem(1, NO_CLASS, "the policy is empty");
      throw new PolicyException(source, nodes.problems());
    }
    Map<String, PolicyNodes.Entry> top = nodes.mapping(root, NO_CLASS, "the policy", TOP_KEYS);
    if (top == null) {
      throw new PolicyException(source, nodes.problems());
    }
    int rootLine = root.getStartMark().getLine() + 1;
    String version = version(top, rootLine);
    Map<String, AnonymizationRules> anonymization = new LinkedHashMap<>();
    Map<String, RetentionRule> rules =
        rules(top.get("retentionClasses"), rootLine, anonymization);
    if (nodes.hasProblems()) {
      throw new PolicyException(source, nodes.problems());
    }
    return new RetentionPolicy(source, version, rules, anonymization);
  }

  private String version(Map<String, PolicyNodes.Entry> top, int rootLine) {
    String version = nodes.requiredScalar(top, "version", rootLine, NO_CLASS);
    if (version != null && !VERSION.matcher(version).matches()) {
      nodes.problem(top.get("version").value(), NO_CLASS,
          "version must be a number or a name matching " + VERSION.pattern());
      return null;
    }
    return version;
  }

  private Map<String, RetentionRule> rules(PolicyNodes.Entry classes, int rootLine,
      Map<String, AnonymizationRules> anonymization) {
    Map<String, RetentionRule> rules = new LinkedHashMap<>();
    if (classes == null) {
      nodes.problem(rootLine, NO_CLASS, "retentionClasses is required");
      return rules;
    }
    Map<String, PolicyNodes.Entry> entries = nodes.classes(classes.value());
    if (entries == null) {
      return rules;
    }
    if (entries.isEmpty()) {
      nodes.problem(classes.value(), NO_CLASS, "retentionClasses must declare at least one class");
    }
    entries.forEach((name, entry) -> rule(name, entry, anonymization)
        .ifPresent(r -> rules.put(name, r)));
    return rules;
  }

  private Optional<RetentionRule> rule(String name, PolicyNodes.Entry entry,
      Map<String, AnonymizationRules> anonymization) {
    if (!CLASS_NAME.matcher(name).matches()) {
      nodes.problem(entry.key(), name, "retention class names must match "
          + CLASS_NAME.pattern());
    }
    Map<String, PolicyNodes.Entry> keys =
        nodes.mapping(entry.value(), name, "a retention class", RULE_KEYS);
    if (keys == null) {
      return Optional.empty();
    }
    RetentionPeriod period = period(keys, entry.line(), name);
    Trigger trigger = named(keys, "countedFrom", entry.line(), name, "trigger",
        Trigger::fromPolicyName, Trigger.policyNames());
    RetentionAction action = named(keys, "action", entry.line(), name, "action",
        RetentionAction::fromPolicyName, RetentionAction.policyNames());
    String description = "";
    if (keys.containsKey("description")) {
      description = nodes.scalar(keys.get("description"), name);
    }
    if (action != null) {
      anonymizationReader.read(name, entry.line(), action, keys.get("anonymize"))
          .ifPresent(a -> anonymization.put(name, a));
    }
    if (period == null || trigger == null || action == null || description == null
        || !CLASS_NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    return Optional.of(new RetentionRule(name, period, trigger, action, description));
  }

  private RetentionPeriod period(Map<String, PolicyNodes.Entry> keys, int line, String name) {
    String text = nodes.requiredScalar(keys, "period", line, name);
    if (text == null) {
      return null;
    }
    try {
      return RetentionPeriod.parse(text);
    } catch (IllegalArgumentException e) {
      nodes.problem(keys.get("period").value(), name,
          "period '" + text + "' is invalid: " + e.getMessage());
      return null;
    }
  }

  private <T> T named(Map<String, PolicyNodes.Entry> keys, String key, int line, String name,
      String what, Function<String, Optional<T>> lookup,
      List<String> known) {
    String text = nodes.requiredScalar(keys, key, line, name);
    if (text == null) {
      return null;
    }
    Optional<T> value = lookup.apply(text);
    if (value.isEmpty()) {
      nodes.problem(keys.get(key).value(), name, "unknown " + what + " '" + text + "' in " + key
          + " (known: " + String.join(", ", known) + ")");
    }
    return value.orElse(null);
  }
}
