package io.lethe.storage.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.fields.FieldType;
import io.lethe.storage.fields.MaskingRule;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaTest {

  private static final String HEAD = """
      version: 3
      purposes:
        account-management: manage the account
        statistics: aggregate statistics
      retentionClasses:
        account-lifetime: while the account exists
      """;

  @Test
  void defaultSchema_declaresAccountWithItsFieldsAndAllPurposes() {
    Schema schema = Schema.defaultSchema();
    assertThat(schema.version()).isEqualTo(1);
    assertThat(schema.purposes()).containsOnlyKeys("account-management", "vehicle-services",
        "licence-services", "accident-handling", "driver-education", "identity-verification",
        "security-risk-control", "legal-obligation", "data-subject-request", "statistics");
    RecordType account = schema.recordType("account").orElseThrow();
    assertThat(account.fields()).containsKeys("idType", "idNumber", "name", "mobile",
        "province", "city", "email");
    FieldDef idNumber = account.field("idNumber").orElseThrow();
    assertThat(idNumber.type()).isEqualTo(FieldType.CN_ID_NUMBER);
    assertThat(idNumber.masking()).isEqualTo(MaskingRule.CN_ID_NUMBER);
    assertThat(idNumber.sensitivity()).isEqualTo(Sensitivity.SENSITIVE);
    assertThat(idNumber.searchable()).isTrue();
    assertThat(idNumber.readableFor("statistics")).isFalse();
    assertThat(schema.recordType("mailing-address")).isPresent();
  }

  @Test
  void parse_minimalSchema_appliesDefaults() {
    Schema schema = Schema.parse("mini.yaml", HEAD + """
        recordTypes:
          account:
            retentionClass: account-lifetime
            fields:
              city:
                type: string
                category: location
                sensitivity: personal
                masking: none
                purposes: [account-management, statistics]
        """);
    FieldDef city = schema.recordType("account").orElseThrow().field("city").orElseThrow();
    assertThat(schema.version()).isEqualTo(3);
    assertThat(city.required()).isFalse();
    assertThat(city.searchable()).isFalse();
    assertThat(city.retentionClass()).isEqualTo("account-lifetime");
    assertThat(city.purposes()).containsExactlyInAnyOrder("account-management", "statistics");
  }

  @Test
  void parse_reportsEveryProblemAtOnce_withLineAndField() {
    String yaml = HEAD + """
        recordTypes:
          account:
            retentionClass: forever
            fields:
              idNumber:
                type: cn-id-numbr
                category: identity
                sensitivity: sensitive
                masking: cn-id-number
                purposes: [account-management, marketing]
              face:
                type: string
                category: biometrics
                sensitivity: personal
                masking: blur
                searchable: maybe
                purposes: [account-management]
              city:
                type: string
                category: location
                sensitivity: personal
                masking: none
                purpose: [statistics]
        """;
    assertThatThrownBy(() -> Schema.parse("bad.yaml", yaml))
        .isInstanceOfSatisfying(SchemaException.class, e -> {
          assertThat(e.code()).isEqualTo(StorageErrorCode.SCHEMA_INVALID);
          assertThat(e.problems()).extracting(SchemaProblem::toString).containsExactlyInAnyOrder(
              "bad.yaml:9 recordTypes.account.retentionClass: unknown retention class 'forever'"
                  + " (known: account-lifetime)",
              "bad.yaml:12 recordTypes.account.fields.idNumber.type: unknown type 'cn-id-numbr'"
                  + " (known: string, cn-id-number, cn-mobile, email, date, text, cn-plate, vin,"
                  + " geo-point, ip-address, mac-address, imei, datetime, bank-card)",
              "bad.yaml:16 recordTypes.account.fields.idNumber.purposes: unknown purpose"
                  + " 'marketing'",
              "bad.yaml:19 recordTypes.account.fields.face.category: unknown category"
                  + " 'biometrics' (known: identity, contact, biometric, vehicle, location,"
                  + " device, financial, education, accident)",
              "bad.yaml:21 recordTypes.account.fields.face.masking: unknown masking 'blur'"
                  + " (known: cn-id-number, cn-mobile, cn-name, email, address, none, cn-plate,"
                  + " vin, bank-card, last-4, mac-address, geo-point, ip-address, full)",
              "bad.yaml:22 recordTypes.account.fields.face.searchable: must be true or false",
              "bad.yaml:29 recordTypes.account.fields.city: unknown key 'purpose' (allowed:"
                  + " category, masking, purposes, required, retentionClass, searchable,"
                  + " sensitivity, type)",
              "bad.yaml:25 recordTypes.account.fields.city.purposes: is required");
          assertThat(e.getMessage()).contains("bad.yaml has 8 problem(s)");
        });
  }

  @Test
  void parse_biometricFieldMarkedPersonal_isRefused() {
    String yaml = HEAD + """
        recordTypes:
          face:
            retentionClass: account-lifetime
            fields:
              photoHash:
                type: string
                category: biometric
                sensitivity: personal
                masking: none
                purposes: [account-management]
        """;
    assertThatThrownBy(() -> Schema.parse("bio.yaml", yaml))
        .isInstanceOfSatisfying(SchemaException.class, e -> assertThat(e.problems())
            .extracting(SchemaProblem::message).containsExactly("biometric fields must be sensitive"));
  }

  @Test
  void parse_searchableTextField_isRefused() {
    String yaml = HEAD + """
        recordTypes:
          note:
            retentionClass: account-lifetime
            fields:
              body:
                type: text
                category: contact
                sensitivity: personal
                masking: none
                searchable: true
                purposes: [account-management]
        """;
    assertThatThrownBy(() -> Schema.parse("text.yaml", yaml))
        .isInstanceOfSatisfying(SchemaException.class, e -> assertThat(e.problems())
            .extracting(SchemaProblem::toString)
            .containsExactly("text.yaml:16 recordTypes.note.fields.body.searchable:"
                + " text fields cannot be searchable"));
  }

  @Test
  void parse_missingSections_areEachReported() {
    assertThatThrownBy(() -> Schema.parse("empty.yaml", "version: 0\n"))
        .isInstanceOfSatisfying(SchemaException.class, e -> assertThat(e.problems())
            .extracting(SchemaProblem::path)
            .containsExactlyInAnyOrder("version", "purposes", "retentionClasses", "recordTypes"));
  }

  @Test
  void parse_duplicateKey_isReported() {
    String yaml = HEAD.replace("statistics: aggregate statistics",
        "statistics: aggregate statistics\n  statistics: again") + "recordTypes: {}\n";
    assertThatThrownBy(() -> Schema.parse("dup.yaml", yaml))
        .isInstanceOfSatisfying(SchemaException.class, e -> assertThat(e.problems())
            .extracting(SchemaProblem::message).contains("duplicate key 'statistics'"));
  }

  @Test
  void parse_invalidYaml_reportsTheLine() {
    assertThatThrownBy(() -> Schema.parse("broken.yaml", "version: 1\npurposes: [a\n"))
        .isInstanceOfSatisfying(SchemaException.class, e -> {
          assertThat(e.problems()).hasSize(1);
          assertThat(e.problems().get(0).message()).startsWith("not valid YAML");
        });
  }

  @Test
  void load_fromFile_namesTheFileInProblems(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("schema.yaml");
    Files.writeString(file, HEAD + "recordTypes:\n  account: {}\n");
    assertThatThrownBy(() -> Schema.load(file))
        .isInstanceOfSatisfying(SchemaException.class, e -> assertThat(e.problems())
            .allSatisfy(p -> assertThat(p.source()).isEqualTo(file.toString()))
            .extracting(SchemaProblem::path).contains("recordTypes.account.retentionClass"));
  }
}
