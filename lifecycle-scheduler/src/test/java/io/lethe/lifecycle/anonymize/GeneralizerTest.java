package io.lethe.lifecycle.anonymize;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.lifecycle.policy.Generalization;
import io.lethe.storage.fields.FieldType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each generalization on stored (normalized) values, known answers. */
class GeneralizerTest {

  @ParameterizedTest
  @CsvSource({
      "YEAR, DATE, 1987-06-15, 1987",
      "MONTH, DATE, 1987-06-15, 1987-06",
      // 2026-01-31T17:30Z is 1 February 01:30 in China: the schema reads local times there.
      "YEAR, DATETIME, 2025-12-31T17:30:00Z, 2026",
      "MONTH, DATETIME, 2026-01-31T17:30:00Z, 2026-02",
      "MONTH, DATETIME, 2026-01-31T15:59:59Z, 2026-01",
      "MONTH, DATE, not-a-date, unknown"})
  void datesAndTimes_becomeTheirYearOrMonth(Generalization how, FieldType type, String value,
      String expected) {
    assertThat(Generalizer.apply(how, type, value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "广东省深圳市南山区科技园路1号, 广东省",
      "广东深圳市南山区科技园路1号, 广东省",
      "北京市海淀区中关村大街27号, 北京市",
      "内蒙古呼和浩特市新城区, 内蒙古自治区",
      "新疆维吾尔自治区乌鲁木齐市天山区, 新疆维吾尔自治区",
      "吉林市船营区, 吉林省",
      "深圳市南山区科技园路1号, unknown",
      "'', unknown"})
  void addresses_becomeTheirProvince_byItsOfficialName(String address, String expected) {
    assertThat(Generalizer.apply(Generalization.PROVINCE, FieldType.TEXT, address))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"粤B12345, 广东省", "京AD12345, 北京市", "新A12345, 新疆维吾尔自治区",
      "X12345, unknown"})
  void plates_becomeTheProvinceThatIssuedThem(String plate, String expected) {
    assertThat(Generalizer.apply(Generalization.PROVINCE, FieldType.CN_PLATE, plate))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "CITY, '22.5431,113.9365', 'cell:22.5,113.5/0.5'",
      "CITY, '39.9042,116.4074', 'cell:39.5,116.0/0.5'",
      "CITY, '-33.8688,151.2093', 'cell:-34.0,151.0/0.5'",
      "PROVINCE, '22.5431,113.9365', 'cell:20.0,110.0/5'",
      "PROVINCE, '39.9042,-116.4074', 'cell:35.0,-120.0/5'",
      "CITY, 'garbage', unknown"})
  void geoPoints_becomeTheGridCellHoldingThem(Generalization how, String point,
      String expected) {
    assertThat(Generalizer.apply(how, FieldType.GEO_POINT, point)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0, 0-9", "9, 0-9", "10, 10-19", "37, 30-39", "89, 80-89", "90, 90+",
      "104, 90+", "131, unknown", "-5, unknown", "thirty, unknown", "'', unknown"})
  void ages_becomeTenYearBands_topCodedAtNinety(String age, String expected) {
    assertThat(Generalizer.apply(Generalization.AGE_BAND, FieldType.STRING, age))
        .isEqualTo(expected);
  }
}
