package io.lethe.storage.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldValuesTest {

  /** 2026-11-23 in China: fixed, so "not in the future" does not drift with the calendar. */
  private final FieldValues values = FieldValues.withClock(
      Clock.fixed(Instant.parse("2026-11-23T04:00:00Z"), ZoneId.of("Asia/Shanghai")));

  @ParameterizedTest
  @ValueSource(strings = {"11010519491231002X", "440306199003071232", "310115198511200012",
      "510107200002290045"})
  void idNumber_withValidCheckDigitAndBirthDate_isAccepted(String id) {
    assertThat(values.normalize("idNumber", FieldType.CN_ID_NUMBER, id)).isEqualTo(id);
  }

  @Test
  void idNumber_withLowerCaseX_isUpperCased() {
    assertThat(values.normalize("idNumber", FieldType.CN_ID_NUMBER, " 11010519491231002x "))
        .isEqualTo("11010519491231002X");
  }

  @Test
  void idNumber_withWrongCheckDigit_failsNamingFieldAndRuleButNotValue() {
    assertInvalid("idNumber", FieldType.CN_ID_NUMBER, "110105194912310021", "check character");
  }

  @Test
  void idNumber_withImpossibleBirthDate_fails() {
    // 1990-02-30 does not exist; check digit made valid so only the date is wrong.
    assertInvalid("idNumber", FieldType.CN_ID_NUMBER, withCheckChar("44030619900230123"),
        "calendar date");
  }

  @Test
  void idNumber_bornInTheFuture_fails() {
    assertInvalid("idNumber", FieldType.CN_ID_NUMBER, "11010520300101001X", "between 1900");
  }

  @Test
  void idNumber_bornBefore1900_fails() {
    assertInvalid("idNumber", FieldType.CN_ID_NUMBER, withCheckChar("11010518991231001"),
        "between 1900");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1101051949123100", "11010519491231002Y", "A1010519491231002X"})
  void idNumber_ofWrongShape_fails(String id) {
    assertInvalid("idNumber", FieldType.CN_ID_NUMBER, id, "17 digits");
  }

  @ParameterizedTest
  @ValueSource(strings = {"13812345678", "+86 138 1234 5678", "0086-138-1234-5678",
      "138-1234-5678", "+8613812345678"})
  void mobile_inCommonNotations_normalizesTo11Digits(String mobile) {
    assertThat(values.normalize("mobile", FieldType.CN_MOBILE, mobile)).isEqualTo("13812345678");
  }

  @ParameterizedTest
  @ValueSource(strings = {"12812345678", "1381234567", "138123456789", "010-12345678",
      "+1 138 1234 5678"})
  void mobile_notAMainlandMobile_fails(String mobile) {
    assertInvalid("mobile", FieldType.CN_MOBILE, mobile, "11 digits");
  }

  @Test
  void email_lowerCasesDomainOnly() {
    assertThat(values.normalize("email", FieldType.EMAIL, " Zhang.San@Example.COM "))
        .isEqualTo("Zhang.San@example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"zhangsan", "zhangsan@", "@example.com", "zhang san@example.com",
      "zhangsan@example"})
  void email_malformed_fails(String email) {
    assertInvalid("email", FieldType.EMAIL, email, "local@domain");
  }

  @Test
  void date_isoDate_isAccepted_otherwiseFails() {
    assertThat(values.normalize("birthDate", FieldType.DATE, "1990-03-07")).isEqualTo("1990-03-07");
    assertInvalid("birthDate", FieldType.DATE, "1990-02-30", "yyyy-MM-dd");
    assertInvalid("birthDate", FieldType.DATE, "07/03/1990", "yyyy-MM-dd");
  }

  @Test
  void string_isStripped_andLimitedTo256Characters() {
    assertThat(values.normalize("name", FieldType.STRING, "  张三丰 ")).isEqualTo("张三丰");
    assertInvalid("name", FieldType.STRING, "张".repeat(257), "at most 256");
    assertInvalid("name", FieldType.STRING, "张\n三", "control characters");
  }

  @Test
  void text_allowsLineBreaks() {
    assertThat(values.normalize("note", FieldType.TEXT, "line one\nline two"))
        .isEqualTo("line one\nline two");
  }

  @Test
  void nullValue_fails() {
    assertThatThrownBy(() -> values.normalize("name", FieldType.STRING, null))
        .isInstanceOfSatisfying(StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageErrorCode.FIELD_INVALID));
  }

  private void assertInvalid(String field, FieldType type, String value, String rule) {
    assertThatThrownBy(() -> values.normalize(field, type, value))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.code()).isEqualTo(StorageErrorCode.FIELD_INVALID);
          assertThat(e.getMessage()).contains("'" + field + "'").contains(rule)
              .doesNotContain(value.strip());
        });
  }

  private static String withCheckChar(String first17) {
    return first17 + CnIdNumber.checkChar(first17);
  }
}
