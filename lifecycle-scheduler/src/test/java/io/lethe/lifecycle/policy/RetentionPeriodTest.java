package io.lethe.lifecycle.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionPeriodTest {

  @ParameterizedTest
  @CsvSource({
      "P6M,     P6M,  PT0S",
      "P3Y,     P3Y,  PT0S",
      "P30D,    P30D, PT0S",
      "P2W,     P14D, PT0S",
      "PT10M,   P0D,  PT10M",
      "PT1H,    P0D,  PT1H",
      "P1DT12H, P1D,  PT12H",
      "P1Y2M3DT4H5M6S, P1Y2M3D, PT4H5M6S"})
  void parse_splitsCalendarAndTimeParts(String text, String calendar, String time) {
    RetentionPeriod period = RetentionPeriod.parse(text);

    assertThat(period.calendar()).isEqualTo(Period.parse(calendar));
    assertThat(period.time()).isEqualTo(Duration.parse(time));
  }

  @ParameterizedTest
  @ValueSource(strings = {"P6M", "PT10M", "P1DT12H", "P1Y2M3DT4H5M6S"})
  void toString_givesTheIsoFormBack(String text) {
    assertThat(RetentionPeriod.parse(text)).hasToString(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "P", "PT", "6M", "P6X", "P1D T1H", "PT10", "P-1D", "PT-10M",
      "P0D", "PT0S", "P0DT0S", "1 month", "P1DT"})
  void parse_refusesAnythingButAPositiveIsoPeriod(String text) {
    assertThatThrownBy(() -> RetentionPeriod.parse(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void addTo_countsMonthsInTheUtcCalendar_clampingToTheMonthsLastDay() {
    Instant jan31 = Instant.parse("2025-01-31T10:00:00Z");

    assertThat(RetentionPeriod.parse("P1M").addTo(jan31))
        .isEqualTo(Instant.parse("2025-02-28T10:00:00Z"));
    assertThat(RetentionPeriod.parse("P1M").addTo(Instant.parse("2024-01-31T10:00:00Z")))
        .isEqualTo(Instant.parse("2024-02-29T10:00:00Z"));
  }

  @Test
  void addTo_addsTheCalendarPartThenTheTimePart() {
    Instant start = Instant.parse("2025-02-28T18:00:00Z");

    assertThat(RetentionPeriod.parse("P1DT12H").addTo(start))
        .isEqualTo(Instant.parse("2025-03-02T06:00:00Z"));
    assertThat(RetentionPeriod.parse("P1MT1H").addTo(Instant.parse("2025-01-31T23:30:00Z")))
        .isEqualTo(Instant.parse("2025-03-01T00:30:00Z"));
  }

  @Test
  void addTo_aLeapDayPlusOneYear_endsOnTheLastOfFebruary() {
    assertThat(RetentionPeriod.parse("P1Y").addTo(Instant.parse("2024-02-29T00:00:00Z")))
        .isEqualTo(Instant.parse("2025-02-28T00:00:00Z"));
  }

  @ParameterizedTest
  @CsvSource({
      // period, end, the latest start ending by it
      "P7D,     2026-03-08T10:00:00Z, 2026-03-01T10:00:00Z",
      "P1DT12H, 2026-03-02T22:00:00Z, 2026-03-01T10:00:00Z",
      // 29, 30 and 31 January all end on 28 February: the latest is taken
      "P1M,     2025-02-28T08:00:00Z, 2025-01-31T08:00:00Z",
      // nothing ends on 31 March; 28 February is the latest that ends before
      "P1M,     2025-03-31T08:00:00Z, 2025-02-28T08:00:00Z",
      "P1Y,     2025-02-28T00:00:00Z, 2024-02-29T00:00:00Z",
      "P1M1D,   2025-03-01T00:00:00Z, 2025-01-31T00:00:00Z"})
  void latestStartEndingBy_invertsAddTo_takingTheLatestOfStartsThatShareAnEnd(String text,
      String end, String start) {
    RetentionPeriod period = RetentionPeriod.parse(text);

    Instant found = period.latestStartEndingBy(Instant.parse(end));

    assertThat(found).isEqualTo(Instant.parse(start));
    assertThat(period.addTo(found)).isBeforeOrEqualTo(Instant.parse(end));
    assertThat(period.addTo(found.plus(Duration.ofDays(1)))).isAfter(Instant.parse(end));
  }
}
