package io.lethe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.StorageException;
import io.lethe.storage.fields.FieldType;
import io.lethe.storage.fields.FieldValues;
import io.lethe.storage.schema.FieldDef;
import io.lethe.storage.schema.RecordType;
import io.lethe.storage.schema.Schema;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Every generated value passes storage-core's own validators, check characters included. */
class SyntheticDataTest {

  private static final FieldValues VALIDATOR = FieldValues.create();
  private final SplittableRandom random = new SplittableRandom(20261207L);

  @Test
  void idCheckCharacter_matchesGb11643KnownNumbers() {
    assertThat(SyntheticData.idCheckChar("11010519491231002")).isEqualTo('X');
    assertThat(SyntheticData.idCheckChar("44030519900101001")).isEqualTo(
        expectedIdCheck("44030519900101001"));
  }

  @Test
  void idNumbers_passTheValidator_andAWrongCheckCharacterDoesNot() {
    for (int i = 0; i < 2_000; i++) {
      String id = SyntheticData.idNumber(random);
      assertThat(VALIDATOR.normalize("idNumber", FieldType.CN_ID_NUMBER, id)).isEqualTo(id);
      String wrong = id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0');
      assertThatThrownBy(() -> VALIDATOR.normalize("idNumber", FieldType.CN_ID_NUMBER, wrong))
          .isInstanceOf(StorageException.class).hasMessageContaining("check character");
    }
  }

  @Test
  void vinCheckDigit_matchesTheIso3779Example() {
    assertThat(SyntheticData.vinCheckChar("1M8GDM9AXKP042788")).isEqualTo('X');
  }

  @Test
  void vins_passTheValidator_andAWrongCheckDigitDoesNot() {
    for (int i = 0; i < 2_000; i++) {
      String vin = SyntheticData.vin(random);
      assertThat(VALIDATOR.normalize("vin", FieldType.VIN, vin)).isEqualTo(vin);
      String wrong = vin.substring(0, 8) + (vin.charAt(8) == '0' ? '1' : '0') + vin.substring(9);
      assertThatThrownBy(() -> VALIDATOR.normalize("vin", FieldType.VIN, wrong))
          .isInstanceOf(StorageException.class).hasMessageContaining("check digit");
    }
  }

  @Test
  void mobilesAndPlates_passTheValidator() {
    for (int i = 0; i < 2_000; i++) {
      String mobile = SyntheticData.mobile(random);
      assertThat(VALIDATOR.normalize("mobile", FieldType.CN_MOBILE, mobile)).isEqualTo(mobile);
      String plate = SyntheticData.plate(random);
      assertThat(VALIDATOR.normalize("plate", FieldType.CN_PLATE, plate)).isEqualTo(plate);
    }
  }

  @Test
  void accountVehicleAndAccidentRecords_passTheDefaultSchema() {
    Schema schema = Schema.defaultSchema();
    assertValid(schema, "account", SyntheticData::account);
    assertValid(schema, "vehicle", SyntheticData::vehicle);
    assertValid(schema, "accident", SyntheticData::accident);
  }

  @Test
  void photos_areJpegShaped_andAboutTheAskedSize() {
    byte[] photo = SyntheticData.photo(random, 300);
    assertThat(photo.length).isBetween(300 * 1024 * 3 / 4, 300 * 1024 * 5 / 4);
    assertThat(photo[0]).isEqualTo((byte) 0xFF);
    assertThat(photo[1]).isEqualTo((byte) 0xD8);
    assertThat(photo[photo.length - 1]).isEqualTo((byte) 0xD9);
  }

  private void assertValid(Schema schema, String typeName,
      Function<RandomGenerator, Map<String, String>> generator) {
    RecordType type = schema.recordType(typeName).orElseThrow();
    for (int i = 0; i < 200; i++) {
      Map<String, String> fields = generator.apply(random);
      for (FieldDef def : type.fields().values()) {
        assertThat(!def.required() || fields.containsKey(def.name()))
            .as("%s.%s is required", typeName, def.name()).isTrue();
      }
      fields.forEach((name, value) -> {
        FieldDef def = type.field(name).orElseThrow(
            () -> new AssertionError(typeName + " has no field " + name));
        VALIDATOR.normalize(name, def.type(), value);
      });
    }
  }

  /** The rule written out once more, step by step, as a second opinion. */
  private static char expectedIdCheck(String first17) {
    int[] weights = new int[17];
    for (int i = 0; i < 17; i++) {
      weights[i] = (1 << (17 - i)) % 11; // 2^(18-i-1) mod 11, ISO 7064 MOD 11-2
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * weights[i];
    }
    return "10X98765432".charAt(sum % 11);
  }
}
