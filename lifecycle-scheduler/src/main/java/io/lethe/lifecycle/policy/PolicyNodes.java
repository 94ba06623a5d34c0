package io.lethe.lifecycle.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed access to a SnakeYAML node tree that records a problem, with its line, instead of
 * throwing, so one pass over the file reports everything wrong with it.
 */
final class PolicyNodes {

  /** A mapping entry; the key is kept because its line is where people look for the entry. */
  record Entry(ScalarNode key, Node value) {

    int line() {
      return key.getStartMark().getLine() + 1;
    }
  }

  private final String source;
  private final List<PolicyProblem> problems = new ArrayList<>();

  PolicyNodes(String source) {
    this.source = source;
  }

  /** Every problem so far, in file order. */
  List<PolicyProblem> problems() {
    List<PolicyProblem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparingInt(PolicyProblem::line));
    return sorted;
  }

  boolean hasProblems() {
    return !problems.isEmpty();
  }

  void problem(int line, String retentionClass, String message) {
    problems.add(new PolicyProblem(source, Math.max(line, 1), retentionClass, message));
  }

  void problem(Node at, String retentionClass, String message) {
    problem(at.getStartMark().getLine() + 1, retentionClass, message);
  }

  /**
   * The mapping's entries by key, or null (with a problem) if {@code node} is no mapping.
   * Unknown keys (when {@code allowedKeys} is given) and duplicates are reported and left out.
   */
  Map<String, Entry> mapping(Node node, String retentionClass, String what,
      Set<String> allowedKeys) {
    return mapping(node, retentionClass, what, allowedKeys, false);
  }

  /** The retention classes by name; a duplicate class is reported as a problem of that class. */
  Map<String, Entry> classes(Node node) {
    return mapping(node, "", "retentionClasses", null, true);
  }

  private Map<String, Entry> mapping(Node node, String retentionClass, String what,
      Set<String> allowedKeys, boolean keysAreClasses) {
    if (!(node instanceof MappingNode map)) {
      problem(node, retentionClass, what + " must be a mapping");
      return null;
    }
    Map<String, Entry> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key)) {
        problem(t.getKeyNode(), retentionClass, "keys of " + what + " must be plain names");
        continue;
      }
      String name = key.getValue();
      if (allowedKeys != null && !allowedKeys.contains(name)) {
        problem(key, retentionClass, "unknown key '" + name + "' in " + what + " (allowed: "
            + String.join(", ", allowedKeys.stream().sorted().toList()) + ")");
      } else if (out.containsKey(name)) {
        problem(key, keysAreClasses ? name : retentionClass, "duplicate key '" + name + "' in " + what
            + " (first on line " + out.get(name).line() + ")");
      } else {
        out.put(name, new Entry(key, t.getValueNode()));
      }
    }
    return out;
  }

  /** The value of a required scalar entry, or null (with a problem). */
  String requiredScalar(Map<String, Entry> entries, String key, int parentLine,
      String retentionClass) {
    Entry entry = entries.get(key);
    if (entry == null) {
      problem(parentLine, retentionClass, key + " is required");
      return null;
    }
    return scalar(entry, retentionClass);
  }

  /** A non-empty scalar's text, or null (with a problem). */
  String scalar(Entry entry, String retentionClass) {
    // "~" and "null" are YAML's null, not text: "description: ~" must not become a description.
    if (entry.value() instanceof ScalarNode s && !s.getValue().isBlank()
        && !Tag.NULL.equals(s.getTag())) {
      return s.getValue().strip();
    }
    problem(entry.value() instanceof ScalarNode ? entry.key() : entry.value(), retentionClass,
        entry.key().getValue() + " must be a non-empty value");
    return null;
  }
}
