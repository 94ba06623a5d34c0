package io.lethe.storage.fields;

import static io.lethe.storage.fields.FieldAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlaceTimeValuesTest {

  private final FieldValues values = FieldValues.create();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "39.9042,116.4074|39.9042,116.4074",
      " 39.904200 , 116.407400 |39.9042,116.4074",
      "-33.8688,151.2093|-33.8688,151.2093",
      "90,-180|90,-180",
      "0.0,+0.000|0,0"})
  void geoPoint_isNormalized(String input, String expected) {
    assertThat(values.normalize("point", FieldType.GEO_POINT, input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"90.0001,0", "0,180.5", "39.9042", "39.9042;116.4074",
      "N39.9,E116.4", "39.12345678901,116.4"})
  void geoPoint_outOfRangeOrMalformed_fails(String point) {
    assertInvalid(values, "point", FieldType.GEO_POINT, point, "");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2023-11-21T08:30:00+08:00|2023-11-21T00:30:00Z",
      "2023-11-21T00:30:00Z|2023-11-21T00:30:00Z",
      "2023-11-21T08:30:00|2023-11-21T00:30:00Z",
      "2023-11-21T08:30:00.250+08:00|2023-11-21T00:30:00.250Z"})
  void dateTime_isStoredAsUtcInstant_chinaTimeWithoutOffset(String input, String expected) {
    assertThat(values.normalize("occurredAt", FieldType.DATETIME, input)).isEqualTo(expected);
  }

  @Test
  void dateTime_malformed_fails() {
    assertInvalid(values, "occurredAt", FieldType.DATETIME, "2023/11/21 08:30", "ISO-8601");
    assertInvalid(values, "occurredAt", FieldType.DATETIME, "2023-02-30T08:30:00Z", "ISO-8601");
  }
}
