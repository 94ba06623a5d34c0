package io.lethe.storage.fields;

import static io.lethe.storage.fields.FieldAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceValuesTest {

  private final FieldValues values = FieldValues.create();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "203.0.113.7|203.0.113.7",
      " 10.0.0.255 |10.0.0.255",
      "2001:DB8::1|2001:db8:0:0:0:0:0:1",
      "2001:0db8:85a3:0000:0000:8a2e:0370:7334|2001:db8:85a3:0:0:8a2e:370:7334",
      "::ffff:192.0.2.1|192.0.2.1"})
  void ip_v4AndV6_areCanonical(String input, String expected) {
    assertThat(values.normalize("ipAddress", FieldType.IP_ADDRESS, input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"256.1.1.1", "10.0.0", "010.0.0.1", "1.2.3.4.5", "2001:db8::g1",
      "2001:db8:::1", "localhost", "example.com", "fe80::1%eth0"})
  void ip_malformed_fails(String ip) {
    assertInvalid(values, "ipAddress", FieldType.IP_ADDRESS, ip, "IPv4 dotted quad");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a4:5e:60:c2:1b:0f", "A4-5E-60-C2-1B-0F", "a45e.60c2.1b0f",
      "A45E60C21B0F"})
  void mac_inEveryNotation_isColonSeparatedUpperCase(String mac) {
    assertThat(values.normalize("macAddress", FieldType.MAC_ADDRESS, mac))
        .isEqualTo("A4:5E:60:C2:1B:0F");
  }

  @ParameterizedTest
  @ValueSource(strings = {"A4:5E:60:C2:1B", "A4:5E:60:C2:1B:0G", "A4:5E-60:C2:1B:0F:00"})
  void mac_malformed_fails(String mac) {
    assertInvalid(values, "macAddress", FieldType.MAC_ADDRESS, mac, "hex byte pairs");
  }

  @Test
  void imei_withLuhnCheckDigit_isAccepted() {
    assertThat(values.normalize("imei", FieldType.IMEI, "49-015420-323751-8"))
        .isEqualTo("490154203237518");
    assertThat(values.normalize("imei", FieldType.IMEI, "352099001761481"))
        .isEqualTo("352099001761481");
  }

  @Test
  void imei_withWrongCheckDigitOrLength_fails() {
    assertInvalid(values, "imei", FieldType.IMEI, "490154203237519", "Luhn");
    assertInvalid(values, "imei", FieldType.IMEI, "49015420323751", "15 digits");
  }

  @Test
  void bankCard_withLuhnCheckDigit_isAccepted_otherwiseFails() {
    assertThat(values.normalize("card", FieldType.BANK_CARD, "6222 0210 0112 3456 789"))
        .isEqualTo("6222021001123456789");
    assertInvalid(values, "card", FieldType.BANK_CARD, "6222021001123456788", "Luhn");
    assertInvalid(values, "card", FieldType.BANK_CARD, "62220210", "12 to 19 digits");
  }
}
