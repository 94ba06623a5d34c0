package io.lethe.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as operators type them: relative ({@code 30m}, {@code 24h}, {@code 7d}, {@code 2w}
 * before now, {@code 90s}), an ISO-8601 instant or offset time, or a date (midnight UTC).
 * Times as the CLI prints them: ISO-8601 in UTC, or with {@code --local} in the local zone with
 * its offset.
 */
final class Times {

  private static final Pattern RELATIVE = Pattern.compile("(\\d{1,9})([smhdw])");

  private Times() {}

  static Instant parse(String text, Clock clock) {
    String t = text.trim();
    Matcher m = RELATIVE.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration back = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      };
      return clock.instant().minus(back);
    }
    if (t.equals("now")) {
      return clock.instant();
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new UsageException("cannot read the time '" + text + "': use 30m, 24h, 7d, 2w, now, "
          + "an ISO-8601 time such as 2024-05-01T08:00:00Z, or a date such as 2024-05-01");
    }
  }

  /**
   * A time the server sent, for display: in UTC it stays as the server wrote it, any offset made Z;
   * in another zone it is that zone's wall time with its offset, so it still names one instant.
   * Text that is not a time (an empty cell, "(never)") is shown as it came.
   */
  static String show(String text, ZoneId zone) {
    if (text == null || text.isBlank()) {
      return text == null ? "" : text;
    }
    OffsetDateTime at;
    try {
      at = OffsetDateTime.parse(text.trim());
    } catch (DateTimeParseException e) {
      return text;
    }
    if (ZoneOffset.UTC.equals(zone) && ZoneOffset.UTC.equals(at.getOffset())) {
      return text; // already UTC: keep the server's own digits
    }
    return show(at.toInstant(), zone);
  }

  static String show(Instant at, ZoneId zone) {
    return ZoneOffset.UTC.equals(zone) ? at.toString()
        : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(zone));
  }
}
