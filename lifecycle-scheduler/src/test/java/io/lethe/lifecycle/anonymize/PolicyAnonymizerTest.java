package io.lethe.lifecycle.anonymize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.storage.schema.RecordType;
import io.lethe.storage.schema.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default policy's accident rules applied to one record's values. */
class PolicyAnonymizerTest {

  private final Schema schema = Schema.defaultSchema();
  private final PolicyAnonymizer accidents = new PolicyAnonymizer(
      RetentionPolicy.defaultPolicy().anonymization("accident-record").orElseThrow());

  @Test
  void keepsOnlyTheGeneralizedValues_andDropsEverythingElse() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("occurredAt", "2026-10-31T17:30:00Z"); // 1 November in China
    values.put("locationText", "浙江省杭州市西湖区文三路90号");
    values.put("locationPoint", "30.2741,120.1551");
    values.put("ownPlate", "浙A12345");
    values.put("otherPartyPlate", "沪B67890");
    values.put("otherPartyName", "王五");
    values.put("otherPartyLicenceNumber", "11010519491231002X");
    values.put("otherPartyMobile", "13812345678");
    values.put("description", "王五 drove into 浙A12345");

    Map<String, String> kept = accidents.anonymize(type("accident"), values);

    assertThat(kept).containsExactly(Map.entry("occurredAt", "2026-11"),
        Map.entry("locationText", "浙江省"), Map.entry("locationPoint", "cell:30.0,120.0/0.5"),
        Map.entry("ownPlate", "浙江省"), Map.entry("otherPartyPlate", "上海市"));
  }

  @Test
  void aFieldTheRulesDoNotName_isDropped() {
    Map<String, String> kept = accidents.anonymize(type("accident"),
        Map.of("occurredAt", "2026-10-01T00:00:00Z", "legacyField", "anything"));

    assertThat(kept).containsOnlyKeys("occurredAt");
  }

  @Test
  void aRecordTypeTheClassHasNoRulesFor_failsRatherThanGuessing() {
    assertThatThrownBy(() -> accidents.anonymize(type("account"), Map.of("name", "王五")))
        .isInstanceOfSatisfying(LifecycleException.class, e -> {
          assertThat(e.code()).isEqualTo(LifecycleErrorCode.POLICY_CLASS_UNKNOWN);
          assertThat(e.getMessage()).doesNotContain("王五");
        });
  }

  private RecordType type(String name) {
    return schema.recordType(name).orElseThrow();
  }
}
