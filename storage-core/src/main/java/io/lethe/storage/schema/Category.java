package io.lethe.storage.schema;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a field is about; permissions and policies are granted per category. */
public enum Category {
  IDENTITY, CONTACT, BIOMETRIC, VEHICLE, LOCATION, DEVICE, FINANCIAL, EDUCATION, ACCIDENT;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Category> fromYamlName(String name) {
    return Arrays.stream(values()).filter(c -> c.yamlName().equals(name)).findFirst();
  }
}
