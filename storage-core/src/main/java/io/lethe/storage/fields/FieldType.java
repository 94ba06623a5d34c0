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
  TEXT("text"),
  /**
   * A mainland vehicle plate (GA 36-2018): province character, issuing-authority letter, then 5
   * characters (ordinary) or 6 (new-energy), no I or O. Stored upper-case without separators.
   */
  CN_PLATE("cn-plate"),
  /** A 17-character vehicle identification number (ISO 3779, GB 16735) with its check digit. */
  VIN("vin"),
  /** {@code lat,lon} in decimal degrees, WGS-84. */
  GEO_POINT("geo-point"),
  /** An IPv4 or IPv6 address, stored in canonical form. */
  IP_ADDRESS("ip-address"),
  /** A 48-bit MAC address, stored as {@code AA:BB:CC:DD:EE:FF}. */
  MAC_ADDRESS("mac-address"),
  /** A 15-digit IMEI with its Luhn check digit. */
  IMEI("imei"),
  /** An ISO-8601 date-time, stored as a UTC instant; without an offset it is China time. */
  DATETIME("datetime"),
  /** A 12 to 19 digit payment card number with its Luhn check digit. */
  BANK_CARD("bank-card");

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
