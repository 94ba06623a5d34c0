package io.lethe.storage.fields;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Validates and normalizes a value by its type before anything is encrypted, so equal values
 * always encrypt (and later blind-index) from the same canonical form. A failure throws
 * {@code storage.field.invalid} naming the field and the rule broken; the value itself never
 * appears in the message.
 *
 * <p>Thread-safe and immutable.
 */
public final class FieldValues {

  /** The ID number's birth date is judged against today's date in China. */
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

  private final Clock clock;

  private FieldValues(Clock clock) {
    this.clock = clock;
  }

  public static FieldValues create() {
    return new FieldValues(Clock.system(CHINA));
  }

  /** For tests that need a fixed "today". */
  public static FieldValues withClock(Clock clock) {
    return new FieldValues(Objects.requireNonNull(clock, "clock"));
  }

  /** The normalized value, or {@code storage.field.invalid}. */
  public String normalize(String fieldName, FieldType type, String value) {
    if (value == null) {
      throw invalid(fieldName, type, "a value is required");
    }
    return switch (type) {
      case STRING -> text(fieldName, type, value.strip(), 256, false);
      case TEXT -> text(fieldName, type, value.strip(), 4000, true);
      case CN_ID_NUMBER -> idNumber(fieldName, value);
      case CN_MOBILE -> mobile(fieldName, value);
      case EMAIL -> email(fieldName, value);
      case DATE -> date(fieldName, value);
      case CN_PLATE -> VehicleValues.plate(fieldName, value);
      case VIN -> VehicleValues.vin(fieldName, value);
      case GEO_POINT -> PlaceTimeValues.geoPoint(fieldName, value);
      case IP_ADDRESS -> DeviceValues.ip(fieldName, value);
      case MAC_ADDRESS -> DeviceValues.mac(fieldName, value);
      case IMEI -> DeviceValues.imei(fieldName, value);
      case DATETIME -> PlaceTimeValues.dateTime(fieldName, value);
      case BANK_CARD -> DeviceValues.bankCard(fieldName, value);
    };
  }

  private String idNumber(String field, String value) {
    String id = value.strip().toUpperCase(Locale.ROOT);
    String problem = CnIdNumber.check(id, LocalDate.now(clock));
    if (problem != null) {
      throw invalid(field, FieldType.CN_ID_NUMBER, problem);
    }
    return id;
  }

  private static String mobile(String field, String value) {
    String digits = value.replaceAll("[\\s-]", "");
    if (digits.startsWith("+86")) {
      digits = digits.substring(3);
    } else if (digits.startsWith("0086")) {
      digits = digits.substring(4);
    }
    if (!MOBILE.matcher(digits).matches()) {
      throw invalid(field, FieldType.CN_MOBILE, "must be 11 digits starting with 13-19");
    }
    return digits;
  }

  private static String email(String field, String value) {
    String email = value.strip();
    if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
      throw invalid(field, FieldType.EMAIL, "must look like local@domain.tld");
    }
    int at = email.lastIndexOf('@');
    // Domains are case-insensitive; local parts may not be, so only the domain is lowered.
    return email.substring(0, at + 1) + email.substring(at + 1).toLowerCase(Locale.ROOT);
  }

  private static String date(String field, String value) {
    try {
      return LocalDate.parse(value.strip()).toString();
    } catch (DateTimeParseException e) {
      throw invalid(field, FieldType.DATE, "must be an ISO date yyyy-MM-dd");
    }
  }

  private static String text(String field, FieldType type, String value, int max,
      boolean multiline) {
    if (value.isEmpty()) {
      throw invalid(field, type, "must not be blank");
    }
    if (value.codePointCount(0, value.length()) > max) {
      throw invalid(field, type, "must be at most " + max + " characters");
    }
    boolean badControl = value.codePoints().anyMatch(c -> Character.isISOControl(c)
        && !(multiline && (c == '\n' || c == '\r' || c == '\t')));
    if (badControl) {
      throw invalid(field, type, "must not contain control characters");
    }
    return value;
  }

  static StorageException invalid(String field, FieldType type, String rule) {
    return new StorageException(StorageErrorCode.FIELD_INVALID,
        "field '" + field + "' is invalid (" + type.yamlName() + "): " + rule);
  }
}
