package io.lethe.storage.fields;

import java.util.Arrays;
import java.util.Optional;

/** The value types a schema may declare, by the name the YAML uses. */
public enum FieldType {
  /** Up to 256 characters of one line. */
  STRING("string"),
  /** An 18-character PRC resident identity number (GB 11643-1999). */
  CN_ID_NUMBER("cn-id-number"),
  /** A mainland China mobile number, stored as 11 digits. */
  CN_MOBILE("cn-mobile"),
  EMAIL("email"),
  /** An ISO-8601 calendar date, {@code yyyy-MM-dd}. */
  DATE("date"),
  /** Up to 4000 characters, line breaks allowed. */
  TEXT("text");

  private final String yamlName;

  FieldType(String yamlName) {
    this.yamlName = yamlName;
  }

  public String yamlName() {
    return yamlName;
  }

  public static Optional<FieldType> fromYamlName(String name) {
    return Arrays.stream(values()).filter(t -> t.yamlName.equals(name)).findFirst();
  }
}
