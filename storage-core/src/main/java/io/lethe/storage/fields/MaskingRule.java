package io.lethe.storage.fields;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How a value is shown on a masked read, following the policies' promise to show ID numbers and
 * phone numbers masked. Each rule takes the normalized value its field type produces; the
 * functions are in {@link Masks}.
 */
public enum MaskingRule {
  /** First 3 and last 4 visible: {@code 110***********002X}. */
  CN_ID_NUMBER("cn-id-number", v -> Masks.keepEnds(v, 3, 4)),
  /** First 3 and last 4 visible: {@code 138****5678}. */
  CN_MOBILE("cn-mobile", v -> Masks.keepEnds(v, 3, 4)),
  /**
   * The surname's first character visible: {@code 张**}. Compound surnames (欧阳, 司马) keep only
   * their first character too, which reveals less, and no surname list is needed.
   */
  CN_NAME("cn-name", v -> Masks.keepEnds(v, 1, 0)),
  /** First character of the local part, then {@code ***@domain}. */
  EMAIL("email", MaskingRule::email),
  /**
   * Province and city only: up to and including the first 市/州/盟 among the first 20 characters
   * ({@code 广东省深圳市*******}), else the first 6 characters.
   */
  ADDRESS("address", Masks::address),
  NONE("none", v -> v),
  /**
   * Province character, authority letter and the last character visible: {@code 京A****5},
   * {@code 京A*****5} for an 8-character new-energy plate. The first two say only where the
   * plate was issued; a single trailing character leaves 10<sup>4</sup>+ candidates per city.
   */
  CN_PLATE("cn-plate", v -> Masks.keepEnds(v, 2, 1)),
  /**
   * The manufacturer (WMI, first 3) and the last 4 visible: {@code LSV**********3294}. The last
   * 6 are the serial number; hiding two of them leaves too many vehicles to single one out.
   */
  VIN("vin", v -> Masks.keepEnds(v, 3, 4)),
  /** The last 4 digits only: {@code ************1234}. */
  BANK_CARD("bank-card", v -> Masks.keepEnds(v, 0, 4)),
  /** The last 4 characters only, for IMEIs and device ids: {@code ***********0217}. */
  LAST_4("last-4", v -> Masks.keepEnds(v, 0, 4)),
  /** The last 4 hex digits, separators kept: {@code **:**:**:**:EE:FF}. */
  MAC_ADDRESS("mac-address", Masks::mac),
  /** Coordinates rounded to 2 decimals (about 1 km): {@code 39.90,116.41}. */
  GEO_POINT("geo-point", Masks::geoPoint),
  /** IPv4 without the last octet {@code 203.0.113.*}; IPv6 keeps its /48 prefix. */
  IP_ADDRESS("ip-address", Masks::ip),
  /** Nothing visible, not even the length: {@code ****}. */
  FULL("full", v -> "****");

  private final String yamlName;
  private final UnaryOperator<String> mask;

  MaskingRule(String yamlName, UnaryOperator<String> mask) {
    this.yamlName = yamlName;
    this.mask = mask;
  }

  /** The value as shown on a masked read; {@code value} is a normalized, non-null value. */
  public String mask(String value) {
    return mask.apply(value);
  }

  public String yamlName() {
    return yamlName;
  }

  public static Optional<MaskingRule> fromYamlName(String name) {
    return Arrays.stream(values()).filter(r -> r.yamlName.equals(name)).findFirst();
  }

  private static String email(String value) {
    int at = value.lastIndexOf('@');
    if (at <= 0) {
      return "***";
    }
    return value.substring(0, value.offsetByCodePoints(0, 1)) + "***" + value.substring(at);
  }
}
