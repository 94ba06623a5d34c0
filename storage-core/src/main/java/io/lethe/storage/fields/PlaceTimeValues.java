package io.lethe.storage.fields;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Geo-points and date-times. */
final class PlaceTimeValues {

  private static final Pattern POINT =
      Pattern.compile("\\s*([+-]?[0-9]{1,3}(?:\\.[0-9]{1,10})?)\\s*,\\s*([+-]?[0-9]{1,3}"
          + "(?:\\.[0-9]{1,10})?)\\s*");
  private static final BigDecimal LAT_MAX = BigDecimal.valueOf(90);
  private static final BigDecimal LON_MAX = BigDecimal.valueOf(180);

  private PlaceTimeValues() {}

  /** {@code lat,lon}, each without trailing zeros, e.g. {@code 39.9042,116.4074}. */
  static String geoPoint(String field, String value) {
    Matcher m = POINT.matcher(value);
    if (!m.matches()) {
      throw FieldValues.invalid(field, FieldType.GEO_POINT,
          "must be 'lat,lon' in decimal degrees with at most 10 decimals");
    }
    BigDecimal lat = new BigDecimal(m.group(1));
    BigDecimal lon = new BigDecimal(m.group(2));
    if (lat.abs().compareTo(LAT_MAX) > 0 || lon.abs().compareTo(LON_MAX) > 0) {
      throw FieldValues.invalid(field, FieldType.GEO_POINT,
          "latitude must be within ±90 and longitude within ±180");
    }
    return plain(lat) + "," + plain(lon);
  }

  /** A UTC instant, e.g. {@code 2023-11-21T00:30:00Z}; a value without offset is China time. */
  static String dateTime(String field, String value) {
    String text = value.strip();
    try {
      return OffsetDateTime.parse(text).toInstant().toString();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text).atZone(FieldValues.CHINA).toInstant().toString();
      } catch (DateTimeParseException e) {
        throw FieldValues.invalid(field, FieldType.DATETIME,
            "must be an ISO-8601 date-time such as 2023-11-21T08:30:00+08:00");
      }
    }
  }

  private static String plain(BigDecimal d) {
    BigDecimal stripped = d.stripTrailingZeros();
    return stripped.signum() == 0 ? "0" : stripped.toPlainString();
  }
}
