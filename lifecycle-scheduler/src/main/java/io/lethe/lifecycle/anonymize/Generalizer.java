package io.lethe.lifecycle.anonymize;

import io.lethe.lifecycle.policy.Generalization;
import io.lethe.storage.fields.FieldType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a {@link Generalization} to a stored (normalized) value. Pure and thread-safe.
 *
 * <p>Every result comes from a closed set (a year, a month, an official province name, a grid
 * cell, an age band, {@value #UNKNOWN}), never from a piece of the input, so free text in a
 * field cannot slip into a statistic. A value that cannot be generalized (an address that names no province, a malformed age)
 * becomes {@value #UNKNOWN}: the input is never passed through, so a surprise in the data can
 * widen a statistic's "unknown" bucket but never leak a value into it.
 */
public final class Generalizer {

  public static final String UNKNOWN = "unknown";

  /** Date-times are generalized in the time zone the schema reads local times in. */
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  /** A city-sized grid cell: about 55 km north-south, 48 km east-west at 30°N. */
  static final BigDecimal CITY_CELL = new BigDecimal("0.5");
  /** A province-sized grid cell: about 550 by 480 km at 30°N. */
  static final BigDecimal PROVINCE_CELL = new BigDecimal("5");
  private static final Pattern POINT = Pattern.compile("([+-]?[0-9.]+),([+-]?[0-9.]+)");
  private static final Pattern AGE = Pattern.compile("[0-9]{1,3}");

  private Generalizer() {}

  public static String apply(Generalization how, FieldType type, String value) {
    try {
      return switch (how) {
        case YEAR -> date(type, value).substring(0, 4);
        case MONTH -> date(type, value).substring(0, 7);
        case PROVINCE -> province(type, value);
        case CITY -> cell(value, CITY_CELL);
        case AGE_BAND -> ageBand(value);
      };
    } catch (DateTimeParseException | NumberFormatException | IndexOutOfBoundsException e) {
      return UNKNOWN;
    }
  }

  /** {@code yyyy-MM-dd}: a date as stored, a date-time as its China calendar day. */
  private static String date(FieldType type, String value) {
    if (type == FieldType.DATETIME) {
      return ZonedDateTime.ofInstant(Instant.parse(value), CHINA).toLocalDate().toString();
    }
    return LocalDate.parse(value).toString();
  }

  private static String province(FieldType type, String value) {
    return switch (type) {
      case CN_PLATE -> Provinces.ofPlate(value).map(Provinces.Province::name).orElse(UNKNOWN);
      case GEO_POINT -> cell(value, PROVINCE_CELL);
      default -> Provinces.ofAddress(value).map(Provinces.Province::name).orElse(UNKNOWN);
    };
  }


  /**
   * The south-west corner and size of the grid cell holding the point, e.g.
   * {@code cell:39.5,116.0/0.5}. Lethe ships no boundary map, so it cannot name the city or
   * province a point lies in; a cell of that size is the honest equivalent (ADR 0012).
   */
  private static String cell(String value, BigDecimal size) {
    Matcher m = POINT.matcher(value);
    if (!m.matches()) {
      return UNKNOWN;
    }
    return "cell:" + corner(new BigDecimal(m.group(1)), size) + ","
        + corner(new BigDecimal(m.group(2)), size) + "/" + size.toPlainString();
  }

  private static String corner(BigDecimal degrees, BigDecimal size) {
    BigDecimal cells = degrees.divide(size, 0, RoundingMode.FLOOR);
    return cells.multiply(size).setScale(1, RoundingMode.UNNECESSARY).toPlainString();
  }

  private static String ageBand(String value) {
    String v = value.strip();
    if (!AGE.matcher(v).matches()) {
      return UNKNOWN;
    }
    int age = Integer.parseInt(v);
    if (age > 130) {
      return UNKNOWN;
    }
    // Top-coded: few people are over 90, so a band per decade there would single them out.
    if (age >= 90) {
      return "90+";
    }
    int low = age / 10 * 10;
    return String.format(Locale.ROOT, "%d-%d", low, low + 9);
  }
}
