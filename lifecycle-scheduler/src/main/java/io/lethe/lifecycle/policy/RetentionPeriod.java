package io.lethe.lifecycle.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * An ISO-8601 retention period: a calendar part ({@code P6M}, {@code P3Y}, {@code P2W}) and a
 * time part ({@code PT10M}), either or both ({@code P1DT12H}).
 *
 * <p>The calendar part is added in the UTC calendar, so {@code P1M} from 31 January ends on the
 * last day of February, and {@code P1D} is always 24 hours: retention dates do not move with a
 * server's time zone. The time part is then added as an exact duration.
 *
 * @param calendar years, months and days; {@link Period#ZERO} if none; never negative
 * @param time hours, minutes and seconds; {@link Duration#ZERO} if none; never negative
 */
public record RetentionPeriod(Period calendar, Duration time) {

  private static final Duration ONE_DAY = Duration.ofDays(1);

  public RetentionPeriod {
    Objects.requireNonNull(calendar, "calendar");
    Objects.requireNonNull(time, "time");
    if (calendar.isNegative() || time.isNegative()) {
      throw new IllegalArgumentException("a retention period cannot be negative");
    }
    // A zero period would make a record due the instant it is stored, possibly while the
    // operation that needs it is still running; "as short as possible" is a few minutes.
    if (calendar.isZero() && time.isZero()) {
      throw new IllegalArgumentException("a retention period must be longer than zero");
    }
  }

  /**
   * Parses {@code P6M}, {@code PT10M}, {@code P1DT12H} and the like.
   *
   * @throws IllegalArgumentException if the text is no positive ISO-8601 period
   */
  public static RetentionPeriod parse(String text) {
    Objects.requireNonNull(text, "text");
    if (!text.startsWith("P")) {
      throw new IllegalArgumentException("must start with P");
    }
    int t = text.indexOf('T');
    String datePart = t < 0 ? text : text.substring(0, t);
    String timePart = t < 0 ? null : "P" + text.substring(t);
    try {
      Period calendar = datePart.equals("P") ? Period.ZERO : Period.parse(datePart);
      Duration time = timePart == null ? Duration.ZERO : Duration.parse(timePart);
      // Period.parse and Duration.parse accept signs ("P-1D") that a retention period never has.
      if (text.contains("-") || text.contains("+")) {
        throw new IllegalArgumentException("cannot be negative or signed");
      }
      return new RetentionPeriod(calendar, time);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an ISO-8601 period such as P6M, P3Y, PT10M or"
          + " P1DT12H");
    }
  }

  /** The end of this period when it starts at {@code start}. */
  public Instant addTo(Instant start) {
    return start.atOffset(ZoneOffset.UTC).plus(calendar).plus(time).toInstant();
  }

  /**
   * The latest start whose period ends at or before {@code end}: the inverse of {@link #addTo}
   * where one exists, and never earlier than any start that gives {@code end}. Month arithmetic
   * is not reversible (31, 30 and 29 January plus {@code P1M} all end on 28 February), so when
   * several starts give the same end the latest is taken: a date computed again from it, under
   * any period, is never earlier than one computed from the real start.
   */
  public Instant latestStartEndingBy(Instant end) {
    Instant start = end.minus(time).atOffset(ZoneOffset.UTC).minus(calendar).toInstant();
    // Clamping makes at most three starts a day apart share an end; both loops stop within four.
    while (addTo(start).isAfter(end)) {
      start = start.minus(ONE_DAY);
    }
    while (!addTo(start.plus(ONE_DAY)).isAfter(end)) {
      start = start.plus(ONE_DAY);
    }
    return start;
  }

  /** The ISO-8601 form, e.g. {@code P1DT12H}. */
  @Override
  public String toString() {
    if (calendar.isZero()) {
      return time.toString();
    }
    return time.isZero() ? calendar.toString() : calendar + time.toString().substring(1);
  }
}
