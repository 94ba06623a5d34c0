package io.lethe.storage.schema;

import io.lethe.storage.fields.FieldType;
import io.lethe.storage.fields.MaskingRule;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads one field declaration; every problem is recorded, none thrown. */
final class FieldReader {

  private static final Set<String> KEYS = Set.of("type", "category", "sensitivity", "masking",
      "searchable", "required", "purposes", "retentionClass");

  private final YamlNodes yaml;
  private final String path;
  private final String name;
  private final Set<String> purposes;
  private final Set<String> retentionClasses;
  private final String defaultRetention;

  FieldReader(YamlNodes yaml, String path, String name, Set<String> purposes,
      Set<String> retentionClasses, String defaultRetention) {
    this.yaml = yaml;
    this.path = path;
    this.name = name;
    this.purposes = purposes;
    this.retentionClasses = retentionClasses;
    this.defaultRetention = defaultRetention;
  }

  Optional<FieldDef> read(Node node) {
    int before = yaml.problems().size();
    Map<String, Node> keys = yaml.mapping(node, path, KEYS);
    if (keys == null) {
      return Optional.empty();
    }
    FieldType type = choice(keys, node, "type", FieldType.values(), FieldType::yamlName);
    Category category = choice(keys, node, "category", Category.values(), Category::yamlName);
    Sensitivity sensitivity =
        choice(keys, node, "sensitivity", Sensitivity.values(), Sensitivity::yamlName);
    MaskingRule masking = choice(keys, node, "masking", MaskingRule.values(),
        MaskingRule::yamlName);
    boolean searchable = flag(keys, "searchable");
    boolean required = flag(keys, "required");
    Set<String> readers = purposes(keys.get("purposes"), node);
    String retention = keys.containsKey("retentionClass")
        ? yaml.reference(keys.get("retentionClass"), path + ".retentionClass", retentionClasses,
            "retention class", node)
        : defaultRetention;
    if (category == Category.BIOMETRIC && sensitivity == Sensitivity.PERSONAL) {
      // PIPL art. 28 lists biometrics as sensitive; a schema saying otherwise is a mistake.
      yaml.problem(keys.get("sensitivity"), path + ".sensitivity",
          "biometric fields must be sensitive");
    }
    if (searchable && type == FieldType.TEXT) {
      // Free text has no canonical form to match on, and its digests would leak frequencies.
      yaml.problem(keys.get("searchable"), path + ".searchable",
          "text fields cannot be searchable");
    }
    if (yaml.problems().size() > before || retention == null) {
      return Optional.empty();
    }
    return Optional.of(new FieldDef(name, type, category, sensitivity, masking, searchable,
        required, readers, retention));
  }

  private <E extends Enum<E>> E choice(Map<String, Node> keys, Node parent, String key,
      E[] values, Function<E, String> yamlName) {
    Node node = keys.get(key);
    if (node == null) {
      yaml.problem(parent, path + "." + key, "is required");
      return null;
    }
    String text = yaml.scalar(node, path + "." + key);
    if (text == null) {
      return null;
    }
    Optional<E> found = Arrays.stream(values).filter(v -> yamlName.apply(v).equals(text))
        .findFirst();
    if (found.isEmpty()) {
      yaml.problem(node, path + "." + key, "unknown " + key + " '" + text + "' (known: "
          + Arrays.stream(values).map(yamlName).collect(Collectors.joining(", ")) + ")");
    }
    return found.orElse(null);
  }

  private boolean flag(Map<String, Node> keys, String key) {
    Node node = keys.get(key);
    if (node == null) {
      return false;
    }
    Boolean value = yaml.bool(node, path + "." + key);
    return value != null && value;
  }

  private Set<String> purposes(Node node, Node parent) {
    if (node == null) {
      yaml.problem(parent, path + ".purposes", "is required");
      return Set.of();
    }
    List<ScalarNode> items = yaml.scalarList(node, path + ".purposes");
    Set<String> out = new LinkedHashSet<>();
    if (items == null) {
      return out;
    }
    for (ScalarNode item : items) {
      String purpose = item.getValue().strip();
      if (!purposes.contains(purpose)) {
        yaml.problem(item, path + ".purposes", "unknown purpose '" + purpose + "'");
      } else if (!out.add(purpose)) {
        yaml.problem(item, path + ".purposes", "purpose '" + purpose + "' is listed twice");
      }
    }
    if (items.isEmpty()) {
      yaml.problem(node, path + ".purposes", "must list at least one purpose");
    }
    return out;
  }
}
