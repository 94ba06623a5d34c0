package io.lethe.storage.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.fields.FieldType;
import io.lethe.storage.fields.MaskingRule;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped schema models what the two seed policies collect, and reports a broken copy. */
class DefaultSchemaTest {

  private final Schema schema = Schema.defaultSchema();

  @Test
  void declaresARecordTypeForEveryKindOfDataThePoliciesCollect() {
    assertThat(schema.recordTypes()).containsKeys("account", "mailing-address", "vehicle",
        "driving-licence", "accident", "study-session", "face-verification", "device-log",
        "precise-location");
    assertThat(schema.retentionClasses()).contains("account-lifetime", "service-record",
        "accident-record", "study-period", "device-log-6-months", "biometric-transient",
        "location-transient");
  }

  @Test
  void vehicle_isFoundByPlateAndVin_andItsFinancialFieldsAreSensitive() {
    RecordType vehicle = schema.recordType("vehicle").orElseThrow();
    assertField(vehicle, "plate", FieldType.CN_PLATE, Category.VEHICLE, MaskingRule.CN_PLATE);
    assertField(vehicle, "vin", FieldType.VIN, Category.VEHICLE, MaskingRule.VIN);
    assertThat(vehicle.field("plate").orElseThrow().searchable()).isTrue();
    assertThat(vehicle.field("vin").orElseThrow().searchable()).isTrue();
    for (String f : List.of("purchaseInvoiceNumber", "insurancePolicyNumber")) {
      FieldDef def = vehicle.field(f).orElseThrow();
      assertThat(def.category()).as(f).isEqualTo(Category.FINANCIAL);
      assertThat(def.sensitivity()).as(f).isEqualTo(Sensitivity.SENSITIVE);
    }
    assertThat(vehicle.retentionClass()).isEqualTo("service-record");
  }

  @Test
  void faceVerification_isBiometricSensitiveTransient_andOnlyForIdentityVerification() {
    RecordType face = schema.recordType("face-verification").orElseThrow();
    assertThat(face.retentionClass()).isEqualTo("biometric-transient");
    FieldDef image = face.field("faceImageObject").orElseThrow();
    assertThat(image.category()).isEqualTo(Category.BIOMETRIC);
    assertThat(image.sensitivity()).isEqualTo(Sensitivity.SENSITIVE);
    assertThat(image.masking()).isEqualTo(MaskingRule.FULL);
    assertThat(image.purposes()).containsExactly("identity-verification");
    assertThat(image.retentionClass()).isEqualTo("biometric-transient");
  }

  @Test
  void deviceLog_andPreciseLocation_useTheirTypesAndShortRetention() {
    RecordType log = schema.recordType("device-log").orElseThrow();
    assertField(log, "imei", FieldType.IMEI, Category.DEVICE, MaskingRule.LAST_4);
    assertField(log, "macAddress", FieldType.MAC_ADDRESS, Category.DEVICE,
        MaskingRule.MAC_ADDRESS);
    assertField(log, "ipAddress", FieldType.IP_ADDRESS, Category.DEVICE, MaskingRule.IP_ADDRESS);
    assertThat(log.fields()).containsKeys("androidId", "deviceModel", "osVersion");
    assertThat(log.retentionClass()).isEqualTo("device-log-6-months");

    RecordType location = schema.recordType("precise-location").orElseThrow();
    assertField(location, "point", FieldType.GEO_POINT, Category.LOCATION, MaskingRule.GEO_POINT);
    assertThat(location.field("point").orElseThrow().sensitivity())
        .isEqualTo(Sensitivity.SENSITIVE);
    assertThat(location.retentionClass()).isEqualTo("location-transient");
  }

  @Test
  void accidentStudyAndLicence_haveTheirFields() {
    RecordType accident = schema.recordType("accident").orElseThrow();
    assertField(accident, "occurredAt", FieldType.DATETIME, Category.ACCIDENT, MaskingRule.NONE);
    assertField(accident, "locationText", FieldType.TEXT, Category.LOCATION, MaskingRule.ADDRESS);
    assertField(accident, "otherPartyPlate", FieldType.CN_PLATE, Category.VEHICLE,
        MaskingRule.CN_PLATE);
    assertThat(accident.retentionClass()).isEqualTo("accident-record");
    RecordType study = schema.recordType("study-session").orElseThrow();
    assertThat(study.field("sitePhotoObject").orElseThrow().category())
        .isEqualTo(Category.BIOMETRIC);
    assertThat(study.retentionClass()).isEqualTo("study-period");
    assertField(schema.recordType("driving-licence").orElseThrow(), "licenceNumber",
        FieldType.CN_ID_NUMBER, Category.IDENTITY, MaskingRule.CN_ID_NUMBER);
  }

  @Test
  void everySensitiveCategory_isDeclaredSensitive_andNothingIsOpenToStatisticsThatIdentifies() {
    schema.recordTypes().values().forEach(type -> type.fields().values().forEach(f -> {
      if (f.category() == Category.BIOMETRIC || f.category() == Category.FINANCIAL
          || f.type() == FieldType.CN_ID_NUMBER || f.type() == FieldType.GEO_POINT) {
        assertThat(f.sensitivity()).as(type.name() + "." + f.name())
            .isEqualTo(Sensitivity.SENSITIVE);
      }
      if (f.searchable() || f.sensitivity() == Sensitivity.SENSITIVE) {
        assertThat(f.readableFor("statistics")).as(type.name() + "." + f.name()).isFalse();
      }
    }));
  }

  @Test
  void brokenCopyOfTheDefaultSchema_reportsEveryProblemWithItsLine() throws Exception {
    String text = defaultText();
    String broken = text
        .replace("        type: vin\n", "        type: vin-number\n")
        .replace("    retentionClass: biometric-transient\n", "    retentionClass: forever\n")
        .replace("        masking: mac-address\n", "        masking: mac\n")
        .replace("        purposes: [security-risk-control, data-subject-request, statistics]\n",
            "        purposes: [security-risk-control, marketing]\n");
    assertThat(broken).isNotEqualTo(text);
    assertThatThrownBy(() -> Schema.parse("default-schema.yaml", broken))
        .isInstanceOfSatisfying(SchemaException.class, e -> assertThat(e.problems())
            .extracting(p -> p.line() + " " + p.path())
            .containsExactlyInAnyOrder(
                lineOf(broken, "type: vin-number") + " recordTypes.vehicle.fields.vin.type",
                lineOf(broken, "retentionClass: forever")
                    + " recordTypes.face-verification.retentionClass",
                lineOf(broken, "masking: mac\n") + " recordTypes.device-log.fields.macAddress.masking",
                lineOf(broken, "[security-risk-control, marketing]")
                    + " recordTypes.device-log.fields.appVersion.purposes"));
  }

  private static void assertField(RecordType type, String name, FieldType fieldType,
      Category category, MaskingRule masking) {
    FieldDef def = type.field(name).orElseThrow();
    assertThat(def.type()).as(name).isEqualTo(fieldType);
    assertThat(def.category()).as(name).isEqualTo(category);
    assertThat(def.masking()).as(name).isEqualTo(masking);
  }

  private static int lineOf(String text, String needle) {
    int at = text.indexOf(needle);
    assertThat(at).as(needle).isNotNegative();
    return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  private static String defaultText() throws Exception {
    try (InputStream in = Schema.class.getResourceAsStream(Schema.DEFAULT_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
