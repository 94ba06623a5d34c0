package io.lethe.storage.schema;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a schema through SnakeYAML's node API rather than its object mapping, because nodes keep
 * their line numbers and let one pass collect every problem before refusing the file.
 */
final class SchemaReader {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{0,63}");
  private static final Set<String> TOP_KEYS =
      Set.of("version", "purposes", "retentionClasses", "recordTypes");
  private static final Set<String> TYPE_KEYS = Set.of("retentionClass", "fields");

  private final String source;
  private final YamlNodes yaml;

  SchemaReader(String source) {
    this.source = source;
    this.yaml = new YamlNodes(source);
  }

  Schema read(String text) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      yaml.problem(line, "(document)", "not valid YAML: " + e.getProblem());
      throw new SchemaException(source, yaml.problems());
    }
    if (root == null) {
      yaml.problem(1, "(document)", "the schema is empty");
      throw new SchemaException(source, yaml.problems());
    }
    Map<String, Node> top = yaml.mapping(root, "(document)", TOP_KEYS);
    if (top == null) {
      throw new SchemaException(source, yaml.problems());
    }
    int version = version(top.get("version"), root);
    Map<String, String> purposes = namedDescriptions(top.get("purposes"), "purposes", root);
    Map<String, String> retention =
        namedDescriptions(top.get("retentionClasses"), "retentionClasses", root);
    Map<String, RecordType> types = new LinkedHashMap<>();
    Map<String, Node> typeNodes = required(top, "recordTypes", root, "recordTypes");
    if (typeNodes != null) {
      typeNodes.forEach((name, node) -> recordType(name, node, purposes.keySet(),
          retention.keySet()).ifPresent(t -> types.put(name, t)));
    }
    if (!yaml.problems().isEmpty()) {
      throw new SchemaException(source, yaml.problems());
    }
    return new Schema(version, purposes, retention.keySet(), types);
  }

  private int version(Node node, Node root) {
    if (node == null) {
      yaml.problem(root, "version", "is required");
      return 1;
    }
    String text = yaml.scalar(node, "version");
    if (text != null && !text.matches("[1-9][0-9]{0,8}")) {
      yaml.problem(node, "version", "must be a positive integer");
      return 1;
    }
    return text == null ? 1 : Integer.parseInt(text);
  }

  private Map<String, String> namedDescriptions(Node node, String path, Node root) {
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, Node> entries = node == null ? null : yaml.mapping(node, path, null);
    if (node == null) {
      yaml.problem(root, path, "is required");
    }
    if (entries != null) {
      entries.forEach((name, value) -> {
        checkName(value, path + "." + name, name);
        String description = yaml.scalar(value, path + "." + name);
        out.put(name, description == null ? "" : description);
      });
      if (entries.isEmpty()) {
        yaml.problem(node, path, "must declare at least one entry");
      }
    }
    return out;
  }

  private Optional<RecordType> recordType(String name, Node node, Set<String> purposes,
      Set<String> retention) {
    String path = "recordTypes." + name;
    checkName(node, path, name);
    Map<String, Node> keys = yaml.mapping(node, path, TYPE_KEYS);
    if (keys == null) {
      return Optional.empty();
    }
    String retentionClass = yaml.reference(keys.get("retentionClass"), path + ".retentionClass",
        retention, "retention class", node);
    Map<String, Node> fieldNodes = required(keys, "fields", node, path + ".fields");
    Map<String, FieldDef> fields = new LinkedHashMap<>();
    if (fieldNodes != null) {
      fieldNodes.forEach((fieldName, fieldNode) -> {
        String fieldPath = path + ".fields." + fieldName;
        checkName(fieldNode, fieldPath, fieldName);
        new FieldReader(yaml, fieldPath, fieldName, purposes, retention, retentionClass)
            .read(fieldNode).ifPresent(f -> fields.put(fieldName, f));
      });
      if (fieldNodes.isEmpty()) {
        yaml.problem(node, path + ".fields", "must declare at least one field");
      }
    }
    boolean complete = retentionClass != null && fieldNodes != null
        && fields.size() == fieldNodes.size() && !fields.isEmpty();
    return complete ? Optional.of(new RecordType(name, retentionClass, fields)) : Optional.empty();
  }

  private Map<String, Node> required(Map<String, Node> keys, String key, Node parent,
      String path) {
    Node node = keys.get(key);
    if (node == null) {
      yaml.problem(parent, path, "is required");
      return null;
    }
    return yaml.mapping(node, path, null);
  }

  private void checkName(Node at, String path, String name) {
    if (!NAME.matcher(name).matches()) {
      yaml.problem(at, path, "names must match " + NAME.pattern());
    }
  }
}
