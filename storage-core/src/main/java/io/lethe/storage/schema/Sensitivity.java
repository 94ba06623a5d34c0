package io.lethe.storage.schema;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * PIPL's two tiers: personal information, and sensitive personal information (biometrics, ID
 * numbers, financial accounts, whereabouts, minors' data), which needs a specific purpose.
 */
public enum Sensitivity {
  PERSONAL, SENSITIVE;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Sensitivity> fromYamlName(String name) {
    return Arrays.stream(values()).filter(s -> s.yamlName().equals(name)).findFirst();
  }
}
