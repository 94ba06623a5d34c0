package io.lethe.storage.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A record type and its fields, in the order the schema declares them. */
public record RecordType(String name, String retentionClass, Map<String, FieldDef> fields) {

  public RecordType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(retentionClass, "retentionClass");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("record type " + name + " must declare fields");
    }
  }

  public Optional<FieldDef> field(String fieldName) {
    return Optional.ofNullable(fields.get(fieldName));
  }
}
