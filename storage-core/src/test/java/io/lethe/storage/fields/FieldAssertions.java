package io.lethe.storage.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;

/** The failure shape every field type shares: the field and the rule named, never the value. */
final class FieldAssertions {

  private FieldAssertions() {}

  static void assertInvalid(FieldValues values, String field, FieldType type, String value,
      String rule) {
    assertThatThrownBy(() -> values.normalize(field, type, value))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.code()).isEqualTo(StorageErrorCode.FIELD_INVALID);
          assertThat(e.getMessage()).contains("'" + field + "'").contains(type.yamlName())
              .contains(rule).doesNotContain(value.strip());
        });
  }
}
