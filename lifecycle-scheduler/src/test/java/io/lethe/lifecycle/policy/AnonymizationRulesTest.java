package io.lethe.lifecycle.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.storage.schema.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The anonymize rules of a policy: their syntax, and their match to a schema at start-up. */
class AnonymizationRulesTest {

  /** One record type with a field of every kind the refusals are about. */
  private static final Schema SCHEMA = Schema.parse("people.yaml", """
      version: 1
      purposes:
        care: Care
      retentionClasses:
        person-file: People
        other: Others
      recordTypes:
        person:
          retentionClass: person-file
          fields:
            idNumber: {type: cn-id-number, category: identity, sensitivity: sensitive, masking: cn-id-number, purposes: [care]}
            mobile: {type: cn-mobile, category: contact, sensitivity: personal, masking: cn-mobile, purposes: [care]}
            email: {type: email, category: contact, sensitivity: personal, masking: email, purposes: [care]}
            name: {type: string, category: identity, sensitivity: personal, masking: cn-name, purposes: [care]}
            plate: {type: cn-plate, category: vehicle, sensitivity: personal, masking: cn-plate, purposes: [care]}
            vin: {type: vin, category: vehicle, sensitivity: personal, masking: vin, purposes: [care]}
            imei: {type: imei, category: device, sensitivity: personal, masking: last-4, purposes: [care]}
            mac: {type: mac-address, category: device, sensitivity: personal, masking: mac-address, purposes: [care]}
            ip: {type: ip-address, category: device, sensitivity: personal, masking: ip-address, purposes: [care]}
            point: {type: geo-point, category: location, sensitivity: sensitive, masking: geo-point, purposes: [care]}
            photo: {type: string, category: biometric, sensitivity: sensitive, masking: none, purposes: [care]}
            memberCode: {type: string, category: identity, sensitivity: personal, masking: none, searchable: true, purposes: [care]}
            born: {type: date, category: identity, sensitivity: personal, masking: none, purposes: [care]}
            seenAt: {type: datetime, category: identity, sensitivity: personal, masking: none, purposes: [care]}
            notes: {type: text, category: identity, sensitivity: personal, masking: none, purposes: [care]}
            address: {type: text, category: location, sensitivity: personal, masking: address, purposes: [care]}
            age: {type: string, category: identity, sensitivity: personal, masking: none, purposes: [care]}
            model: {type: string, category: vehicle, sensitivity: personal, masking: none, purposes: [care]}
        visit:
          retentionClass: other
          fields:
            note: {type: string, category: identity, sensitivity: personal, masking: none, purposes: [care]}
      """);

  private static final List<String> GOOD_RULES = List.of(
      "idNumber: drop", "mobile: drop", "email: drop", "name: drop", "plate: generalize(province)",
      "vin: drop", "imei: drop", "mac: drop", "ip: drop", "point: generalize(city)",
      "photo: drop", "memberCode: drop", "born: generalize(year)", "seenAt: generalize(month)",
      "notes: drop", "address: generalize(province)", "age: generalize(age-band)",
      "model: keep");

  private static String policy(List<String> personRules) {
    StringBuilder yaml = new StringBuilder("""
        version: 3
        retentionClasses:
          other:
            period: P1Y
            countedFrom: record-created
            action: delete
          person-file:
            period: P3Y
            countedFrom: record-created
            action: anonymize
            anonymize:
              person:
        """);
    personRules.forEach(r -> yaml.append("        ").append(r).append('\n'));
    return yaml.toString();
  }

  private static List<String> replacing(String field, String rule) {
    return GOOD_RULES.stream().map(r -> r.startsWith(field + ":") ? field + ": " + rule : r)
        .toList();
  }

  private static PolicyException refusal(String yaml) {
    RetentionPolicy policy = RetentionPolicy.parse("p.yaml", yaml);
    try {
      policy.validateAgainst(SCHEMA);
    } catch (PolicyException e) {
      return e;
    }
    throw new AssertionError("the policy was accepted");
  }

  @Test
  void goodRules_areReadPerTypeAndField_andAcceptedBySchema() {
    RetentionPolicy policy = RetentionPolicy.parse("p.yaml", policy(GOOD_RULES));
    policy.validateAgainst(SCHEMA);

    AnonymizationRules rules = policy.anonymization("person-file").orElseThrow();
    assertThat(policy.anonymizedClasses()).containsExactly("person-file");
    assertThat(policy.anonymization("other")).isEmpty();
    assertThat(rules.forType("person").orElseThrow())
        .containsEntry("idNumber", FieldRule.DROP)
        .containsEntry("model", FieldRule.KEEP)
        .containsEntry("born", FieldRule.generalize(Generalization.YEAR))
        .containsEntry("seenAt", FieldRule.generalize(Generalization.MONTH))
        .containsEntry("address", FieldRule.generalize(Generalization.PROVINCE))
        .containsEntry("point", FieldRule.generalize(Generalization.CITY))
        .containsEntry("age", FieldRule.generalize(Generalization.AGE_BAND));
  }

  @ParameterizedTest
  @ValueSource(strings = {"idNumber", "mobile", "email", "name", "plate", "vin", "imei", "mac",
      "ip", "point", "photo", "memberCode", "born", "seenAt", "notes", "address"})
  void keepingAFieldThatIdentifiesAPerson_isRefusedWithFileLineAndClass(String field) {
    PolicyException e = refusal(policy(replacing(field, "keep")));

    int line = 13 + GOOD_RULES.indexOf(GOOD_RULES.stream()
        .filter(r -> r.startsWith(field + ":")).findFirst().orElseThrow());
    assertThat(e.code()).isEqualTo(LifecycleErrorCode.POLICY_INVALID);
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo("p.yaml");
      assertThat(p.line()).isEqualTo(line);
      assertThat(p.retentionClass()).isEqualTo("person-file");
      assertThat(p.message()).contains("person." + field + " cannot be kept");
    });
  }

  @Test
  void aFieldWithoutARule_isRefused_thereIsNoSilentDefault() {
    PolicyException e = refusal(policy(GOOD_RULES.stream()
        .filter(r -> !r.startsWith("model:") && !r.startsWith("vin:")).toList()));

    assertThat(e.problems()).extracting(PolicyProblem::line, PolicyProblem::message)
        .containsExactlyInAnyOrder(
            tuple(12, "field person.vin has no rule; write drop, keep or generalize(<how>)"),
            tuple(12, "field person.model has no rule; write drop, keep or generalize(<how>)"));
  }

  @Test
  void aRuleForAFieldOrTypeTheSchemaLacks_orATypeOfAnotherClass_isRefused() {
    String yaml = policy(GOOD_RULES) + "        shoeSize: drop\n"
        + "      visit:\n        note: drop\n"
        + "      ghost:\n        x: drop\n";

    PolicyException e = refusal(yaml);

    assertThat(e.problems()).extracting(PolicyProblem::line, PolicyProblem::message)
        .containsExactly(
            tuple(31, "field person.shoeSize is not in the schema"),
            tuple(32, "record type 'visit' is in class 'other', not this one"),
            tuple(34, "record type 'ghost' is not in the schema"));
  }

  @Test
  void anAnonymizeClassWithoutRulesForItsRecordTypes_isRefused() {
    String yaml = policy(GOOD_RULES);
    String withoutBlock = yaml.substring(0, yaml.indexOf("    anonymize:"));

    PolicyException e = refusal(withoutBlock);

    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(7);
      assertThat(p.message()).startsWith("record type 'person' is in this class but has no"
          + " anonymize rules");
    });
  }

  @ParameterizedTest
  @CsvSource({
      "model, generalize(year), 'generalize(year) does not apply to person.model of type string"
          + " (it applies to date, datetime)'",
      "born, generalize(province), 'generalize(province) does not apply to person.born of type"
          + " date'",
      "plate, generalize(city), 'generalize(city) does not apply to person.plate of type"
          + " cn-plate'",
      "seenAt, generalize(age-band), 'generalize(age-band) does not apply to person.seenAt'"})
  void aGeneralizationThatDoesNotFitTheFieldsType_isRefused(String field, String rule,
      String message) {
    PolicyException e = refusal(policy(replacing(field, rule)));

    assertThat(e.problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith(message));
  }

  @Test
  void badRuleSyntax_andUnknownGeneralizations_areRefusedWhenTheFileIsRead() {
    String yaml = policy(replacing("model", "blur").stream()
        .map(r -> r.startsWith("age:") ? "age: generalize(decade)" : r).toList());

    assertThatThrownBy(() -> RetentionPolicy.parse("p.yaml", yaml))
        .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
            .extracting(PolicyProblem::line, PolicyProblem::retentionClass,
                PolicyProblem::message)
            .containsExactly(
                tuple(29, "person-file", "the rule of person.age unknown generalization"
                    + " 'decade' (known: year, month, province, city, age-band)"),
                tuple(30, "person-file", "the rule of person.model must be drop, keep or"
                    + " generalize(<how>) with <how> one of year, month, province, city,"
                    + " age-band")));
  }

  @Test
  void anonymizeRulesOnADeletingClass_areRefused() {
    String yaml = """
        version: 1
        retentionClasses:
          other:
            period: P1Y
            countedFrom: record-created
            action: delete
            anonymize:
              visit:
                note: drop
        """;

    assertThatThrownBy(() -> RetentionPolicy.parse("p.yaml", yaml))
        .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
            .extracting(PolicyProblem::line, PolicyProblem::message)
            .containsExactly(tuple(7, "anonymize rules only go with action anonymize; this"
                + " class deletes")));
  }

  @Test
  void theDefaultPolicy_anonymizesAccidents_withARuleForEveryField_andMatchesTheDefaultSchema() {
    RetentionPolicy policy = RetentionPolicy.defaultPolicy();
    Schema schema = Schema.defaultSchema();

    policy.validateAgainst(schema);

    assertThat(policy.anonymizedClasses()).containsExactly("accident-record");
    assertThat(policy.anonymization("accident-record").orElseThrow().forType("accident")
        .orElseThrow().keySet())
        .containsExactlyInAnyOrderElementsOf(
            schema.recordType("accident").orElseThrow().fields().keySet());
  }
}
