package io.lethe.storage.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed access to a SnakeYAML node tree that records a problem, with its line, instead of
 * throwing, so one pass over the file reports everything wrong with it.
 */
final class YamlNodes {

  private final String source;
  private final List<SchemaProblem> problems = new ArrayList<>();

  YamlNodes(String source) {
    this.source = source;
  }

  List<SchemaProblem> problems() {
    return problems;
  }

  void problem(Node at, String path, String message) {
    problems.add(new SchemaProblem(source, at.getStartMark().getLine() + 1, path, message));
  }

  void problem(int line, String path, String message) {
    problems.add(new SchemaProblem(source, line, path, message));
  }

  /** The mapping's entries by key, or null (with a problem) if {@code node} is no mapping. */
  Map<String, Node> mapping(Node node, String path, Set<String> allowedKeys) {
    if (!(node instanceof MappingNode map)) {
      problem(node, path, "must be a mapping");
      return null;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key)) {
        problem(t.getKeyNode(), path, "keys must be plain names");
        continue;
      }
      String name = key.getValue();
      if (allowedKeys != null && !allowedKeys.contains(name)) {
        problem(key, path, "unknown key '" + name + "' (allowed: " + String.join(", ",
            sorted(allowedKeys)) + ")");
      } else if (out.putIfAbsent(name, t.getValueNode()) != null) {
        problem(key, path, "duplicate key '" + name + "'");
      }
    }
    return out;
  }

  /** A scalar's text, or null (with a problem). */
  String scalar(Node node, String path) {
    if (node instanceof ScalarNode s && !s.getValue().isBlank()) {
      return s.getValue().strip();
    }
    problem(node, path, "must be a non-empty value");
    return null;
  }

  /** The elements of a sequence of scalars, or null (with a problem). */
  List<ScalarNode> scalarList(Node node, String path) {
    if (!(node instanceof SequenceNode seq)) {
      problem(node, path, "must be a list");
      return null;
    }
    List<ScalarNode> out = new ArrayList<>();
    for (Node item : seq.getValue()) {
      if (item instanceof ScalarNode s && !s.getValue().isBlank()) {
        out.add(s);
      } else {
        problem(item, path, "list items must be non-empty values");
      }
    }
    return out;
  }

  Boolean bool(Node node, String path) {
    String text = scalar(node, path);
    if (text == null) {
      return null;
    }
    return switch (text) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> {
        problem(node, path, "must be true or false");
        yield null;
      }
    };
  }

  /** A required scalar that must be one of {@code known}, or null (with a problem). */
  String reference(Node node, String path, Set<String> known, String what, Node parent) {
    if (node == null) {
      problem(parent, path, "is required");
      return null;
    }
    String value = scalar(node, path);
    if (value != null && !known.contains(value)) {
      problem(node, path, "unknown " + what + " '" + value + "' (known: "
          + String.join(", ", sorted(known)) + ")");
      return null;
    }
    return value;
  }

  private static List<String> sorted(Set<String> keys) {
    return keys.stream().sorted().toList();
  }
}
