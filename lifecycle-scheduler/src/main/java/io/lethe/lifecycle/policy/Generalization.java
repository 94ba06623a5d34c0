package io.lethe.lifecycle.policy;

import io.lethe.storage.fields.FieldType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How an anonymize rule coarsens a value, by the name the policy writes inside
 * {@code generalize(...)}. Each applies only to the field types listed: a year of a plate means
 * nothing, and the policy is refused at start-up rather than producing it.
 */
public enum Generalization {
  /** A date or date-time to its year, e.g. {@code 1987}. Date-times are read in China time. */
  YEAR("year", EnumSet.of(FieldType.DATE, FieldType.DATETIME)),
  /** A date or date-time to its month, e.g. {@code 1987-06}. */
  MONTH("month", EnumSet.of(FieldType.DATE, FieldType.DATETIME)),
  /**
   * An address to the provincial-level division it starts with, a plate to the province that
   * issued it, a geo-point to a province-sized grid cell.
   */
  PROVINCE("province", EnumSet.of(FieldType.STRING, FieldType.TEXT, FieldType.CN_PLATE,
      FieldType.GEO_POINT)),
  /**
   * A geo-point to a city-sized grid cell. Not for addresses: a city read out of free text is a
   * substring of that text, and could carry anything; every generalized value comes from a
   * closed set (ADR 0012).
   */
  CITY("city", EnumSet.of(FieldType.GEO_POINT)),
  /** A whole number of years (an age) to its ten-year band, e.g. {@code 30-39}. */
  AGE_BAND("age-band", EnumSet.of(FieldType.STRING));

  private final String policyName;
  private final Set<FieldType> types;

  Generalization(String policyName, Set<FieldType> types) {
    this.policyName = policyName;
    this.types = types;
  }

  public String policyName() {
    return policyName;
  }

  public boolean appliesTo(FieldType type) {
    return types.contains(type);
  }

  /** The YAML names of the types it applies to, for problem reports. */
  List<String> typeNames() {
    return types.stream().map(FieldType::yamlName).toList();
  }

  public static Optional<Generalization> fromPolicyName(String name) {
    return Arrays.stream(values()).filter(g -> g.policyName.equals(name)).findFirst();
  }

  static List<String> policyNames() {
    return Arrays.stream(values()).map(Generalization::policyName).toList();
  }
}
