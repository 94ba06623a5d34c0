package io.lethe.storage.fields;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The masking functions behind {@link MaskingRule}. They take normalized values and work on code
 * points, so a character outside the BMP is one character and never split in half.
 */
final class Masks {

  /** An address keeps at most this many characters, even when its first 市 comes later. */
  private static final int ADDRESS_MAX_KEPT = 20;
  private static final int ADDRESS_FALLBACK_KEPT = 6;

  private Masks() {}

  /** Too short to keep both ends without revealing everything: mask it all. */
  static String keepEnds(String value, int head, int tail) {
    int[] cps = value.codePoints().toArray();
    boolean tooShort = cps.length <= head + tail && cps.length > 1;
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < cps.length; i++) {
      boolean visible = !tooShort && (i < head || i >= cps.length - tail);
      if (visible) {
        out.appendCodePoint(cps[i]);
      } else {
        out.append('*');
      }
    }
    return out.toString();
  }

  /**
   * Up to and including the first 市, 州 or 盟 (city, prefecture, league) within the first 20
   * characters, so province and city remain; without one, the first 6 characters.
   */
  static String address(String value) {
    int[] cps = value.codePoints().toArray();
    int keep = ADDRESS_FALLBACK_KEPT;
    for (int i = 0; i < Math.min(cps.length, ADDRESS_MAX_KEPT); i++) {
      if (cps[i] == '市' || cps[i] == '州' || cps[i] == '盟') {
        keep = i + 1;
        break;
      }
    }
    return keepEnds(value, keep, 0);
  }

  /** Every hex digit but the last four becomes {@code *}; separators stay. */
  static String mac(String value) {
    int hexSeen = 0;
    int hexTotal = (int) value.chars().filter(c -> Character.digit(c, 16) >= 0).count();
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      boolean hex = Character.digit(c, 16) >= 0;
      out.append(hex && hexSeen++ < hexTotal - 4 ? '*' : c);
    }
    return out.toString();
  }

  /** Both coordinates rounded to 2 decimals, about 1 km: the district, not the street. */
  static String geoPoint(String value) {
    int comma = value.indexOf(',');
    if (comma < 0) {
      return "*";
    }
    try {
      return coarse(value.substring(0, comma)) + "," + coarse(value.substring(comma + 1));
    } catch (NumberFormatException e) {
      return "*";
    }
  }

  /** IPv4 without its last octet ({@code 203.0.113.*}); IPv6 keeps its first 3 groups (/48). */
  static String ip(String value) {
    if (value.indexOf(':') >= 0) {
      String[] groups = value.split(":", -1);
      if (groups.length < 4) {
        return "*";
      }
      return groups[0] + ":" + groups[1] + ":" + groups[2] + ":*";
    }
    int dot = value.lastIndexOf('.');
    return dot < 0 ? "*" : value.substring(0, dot + 1) + "*";
  }

  private static String coarse(String degrees) {
    BigDecimal d = new BigDecimal(degrees.strip()).setScale(2, RoundingMode.HALF_UP);
    return d.toPlainString();
  }
}
