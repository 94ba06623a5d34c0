package io.lethe.lifecycle.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import io.lethe.storage.schema.Schema;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaCoverageTest {

  @Test
  void defaultPolicy_hasARuleForEveryRetentionClassOfTheDefaultSchema() {
    Schema schema = Schema.defaultSchema();
    RetentionPolicy policy = RetentionPolicy.defaultPolicy();

    assertThat(policy.missingClasses(schema.retentionClasses())).isEmpty();
    policy.validateAgainst(schema);
  }

  @Test
  void missingClasses_namesEveryClassWithoutARule_sorted() {
    RetentionPolicy policy = RetentionPolicy.defaultPolicy();

    assertThat(policy.missingClasses(Set.of("zz-new", "account-lifetime", "aa-new")))
        .containsExactly("aa-new", "zz-new");
  }

  @Test
  void validateAgainst_aSchemaWithUncoveredClasses_namesThemAll() {
    Schema schema = Schema.parse("schema.yaml", """
        version: 1
        purposes:
          billing: Billing
        retentionClasses:
          account-lifetime: Account
          tax-record: Kept for the tax office
          court-file: Kept for the court
        recordTypes:
          invoice:
            retentionClass: tax-record
            fields:
              amount:
                type: string
                category: financial
                sensitivity: personal
                masking: none
                purposes: [billing]
        """);

    assertThatThrownBy(() -> RetentionPolicy.defaultPolicy().validateAgainst(schema))
        .isInstanceOfSatisfying(LifecycleException.class, e -> {
          assertThat(e.code()).isEqualTo(LifecycleErrorCode.POLICY_SCHEMA_MISMATCH);
          assertThat(e.getMessage()).endsWith("court-file, tax-record");
        });
  }
}
