package io.lethe.storage.schema;

import io.lethe.storage.fields.FieldType;
import io.lethe.storage.fields.MaskingRule;
import java.util.Objects;
import java.util.Set;

/** One field of a record type, as declared in the schema. */
public record FieldDef(
    String name,
    FieldType type,
    Category category,
    Sensitivity sensitivity,
    MaskingRule masking,
    boolean searchable,
    boolean required,
    Set<String> purposes,
    String retentionClass) {

  public FieldDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(sensitivity, "sensitivity");
    Objects.requireNonNull(masking, "masking");
    Objects.requireNonNull(retentionClass, "retentionClass");
    purposes = Set.copyOf(purposes);
    if (purposes.isEmpty()) {
      throw new IllegalArgumentException("field " + name + " must allow at least one purpose");
    }
  }

  public boolean readableFor(String purpose) {
    return purposes.contains(purpose);
  }
}
