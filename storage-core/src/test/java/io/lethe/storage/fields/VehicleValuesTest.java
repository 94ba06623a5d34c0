package io.lethe.storage.fields;

import static io.lethe.storage.fields.FieldAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VehicleValuesTest {

  private final FieldValues values = FieldValues.create();

  @ParameterizedTest
  @CsvSource({
      "京A12345, 京A12345",
      "京a·12345, 京A12345",
      "粤B 8Z9K1, 粤B8Z9K1",
      "沪C.1234学, 沪C1234学",
      "京AD12345, 京AD12345",
      "苏E12345D, 苏E12345D",
      "浙AFA1234, 浙AFA1234",
      "川Ａ１２３４５, 川A12345"})
  void plate_inCommonNotations_isNormalized(String input, String expected) {
    assertThat(values.normalize("plate", FieldType.CN_PLATE, input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"A12345", "京12345A", "京A1234", "京A123456789", "京I12345",
      "京AO1234", "京A12O45", "港A12345", "京AD1234X", "京A1234D5"})
  void plate_ofWrongShape_failsNamingTheRule(String plate) {
    assertInvalid(values, "plate", FieldType.CN_PLATE, plate, "province character");
  }

  @Test
  void vin_withCorrectCheckDigit_isAccepted_andUpperCased() {
    // The ISO 3779 textbook example, and Chinese VINs whose check digit is computed here.
    assertThat(values.normalize("vin", FieldType.VIN, "1HGCM82633A004352"))
        .isEqualTo("1HGCM82633A004352");
    String chinese = withCheckDigit("LFV2A21K?P3012345");
    assertThat(chinese).isEqualTo("LFV2A21K0P3012345");
    assertThat(values.normalize("vin", FieldType.VIN, chinese.toLowerCase())).isEqualTo(chinese);
    assertThat(withCheckDigit("LSVAU218?N2183294")).endsWith("XN2183294");
    assertThat(values.normalize("vin", FieldType.VIN, "LSVAU218XN2183294"))
        .isEqualTo("LSVAU218XN2183294");
  }

  @Test
  void vin_withWrongCheckDigit_fails() {
    assertInvalid(values, "vin", FieldType.VIN, "1HGCM82634A004352", "check digit");
    assertInvalid(values, "vin", FieldType.VIN, "LFV2A21K1P3012345", "check digit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1HGCM82633A00435", "1HGCM82633A0043521", "IHGCM82633A004352",
      "1HGCM82633A00435Q", "1HGCM8263OA004352"})
  void vin_ofWrongShape_fails(String vin) {
    assertInvalid(values, "vin", FieldType.VIN, vin, "17 letters or digits");
  }

  /** Computes position 9 independently of the code under test: ISO 3779 weights and values. */
  private static String withCheckDigit(String vinWithPlaceholder) {
    String values = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
    int[] numbers = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9,
        2, 3, 4, 5, 6, 7, 8, 9};
    int[] weights = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      char c = vinWithPlaceholder.charAt(i);
      sum += c == '?' ? 0 : numbers[values.indexOf(c)] * weights[i];
    }
    char check = sum % 11 == 10 ? 'X' : (char) ('0' + sum % 11);
    return vinWithPlaceholder.replace('?', check);
  }
}
