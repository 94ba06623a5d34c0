package io.lethe.lifecycle.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyParseTest {

  private static final String MINIMAL = """
      version: 7
      retentionClasses:
        face:
          period: PT10M
          countedFrom: verification-done
          action: delete
          description: Face photos
        accident:
          period: P3Y
          countedFrom: record-created
          action: anonymize
      """;

  @Test
  void parse_readsEveryRuleInFileOrder() {
    RetentionPolicy policy = RetentionPolicy.parse("minimal.yaml", MINIMAL);

    assertThat(policy.version()).isEqualTo("7");
    assertThat(policy.rules()).containsOnlyKeys("face", "accident");
    assertThat(policy.rules().keySet()).containsExactly("face", "accident");
    assertThat(policy.rule("face")).isEqualTo(new RetentionRule("face",
        new RetentionPeriod(Period.ZERO, Duration.ofMinutes(10)), Trigger.VERIFICATION_DONE,
        RetentionAction.DELETE, "Face photos"));
    assertThat(policy.rule("accident").action()).isEqualTo(RetentionAction.ANONYMIZE);
    assertThat(policy.rule("accident").description()).isEmpty();
  }

  @Test
  void parse_acceptsANamedVersion() {
    RetentionPolicy policy =
        RetentionPolicy.parse("named.yaml", MINIMAL.replace("version: 7", "version: 2025-06a"));

    assertThat(policy.version()).isEqualTo("2025-06a");
  }

  @Test
  void load_readsAFileAndNamesItInProblems(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, MINIMAL);
    assertThat(RetentionPolicy.load(file).rules()).hasSize(2);

    Files.writeString(file, MINIMAL.replace("PT10M", "ten minutes"));
    assertThatThrownBy(() -> RetentionPolicy.load(file))
        .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
            .extracting(PolicyProblem::source, PolicyProblem::line)
            .containsExactly(tuple(file.toString(), 4)));
  }

  @Test
  void load_ofAMissingFile_failsWithThePolicyCode(@TempDir Path dir) {
    assertThatThrownBy(() -> RetentionPolicy.load(dir.resolve("absent.yaml")))
        .isInstanceOfSatisfying(LifecycleException.class,
            e -> assertThat(e.code()).isEqualTo(LifecycleErrorCode.POLICY_INVALID));
  }

  @Test
  void parse_ofABrokenFile_reportsEveryProblemWithLineAndClass() throws Exception {
    Path broken = Path.of(resource("/policies/broken-policy.yaml"));

    PolicyException e = problemsOf(() -> RetentionPolicy.load(broken));

    assertThat(e.code()).isEqualTo(LifecycleErrorCode.POLICY_INVALID);
    assertThat(e.problems())
        .extracting(PolicyProblem::line, PolicyProblem::retentionClass)
        .containsExactly(
            tuple(2, ""),
            tuple(5, "short-lived"),
            tuple(8, "no-action"),
            tuple(13, "bad-trigger"),
            tuple(14, "bad-trigger"),
            tuple(15, "bad-trigger"),
            tuple(16, "short-lived"));
    assertThat(e.problems()).extracting(PolicyProblem::message).satisfiesExactly(
        m -> assertThat(m).contains("unknown key 'owner'"),
        m -> assertThat(m).contains("period 'P6X' is invalid"),
        m -> assertThat(m).contains("action is required"),
        m -> assertThat(m).contains("unknown trigger 'account-opened'")
            .contains("record-created, subject-closed, purpose-fulfilled, verification-done"),
        m -> assertThat(m).contains("unknown action 'shred'").contains("delete, anonymize"),
        m -> assertThat(m).contains("unknown key 'retention'"),
        m -> assertThat(m).contains("duplicate key 'short-lived'").contains("line 4"));
    assertThat(e.problems()).allSatisfy(p -> assertThat(p.source()).isEqualTo(broken.toString()));
    assertThat(e.getMessage()).startsWith("lifecycle.policy.invalid: ")
        .contains(broken + ":13 [bad-trigger] unknown trigger");
  }

  @Test
  void parse_reportsMissingTopLevelParts() {
    PolicyException e = problemsOf(() -> RetentionPolicy.parse("empty-map.yaml", "{}"));

    assertThat(e.problems()).extracting(PolicyProblem::message)
        .containsExactlyInAnyOrder("version is required", "retentionClasses is required");
  }

  @Test
  void parse_reportsEveryMissingFieldOfAClass() {
    PolicyException e = problemsOf(() -> RetentionPolicy.parse("bare.yaml", """
        version: 1
        retentionClasses:
          bare:
            description: nothing else
        """));

    assertThat(e.problems()).extracting(PolicyProblem::line, PolicyProblem::message)
        .containsExactlyInAnyOrder(tuple(3, "period is required"),
            tuple(3, "countedFrom is required"), tuple(3, "action is required"));
  }

  @Test
  void parse_treatsYamlNullAsMissingValue_notAsText() {
    PolicyException e = problemsOf(() -> RetentionPolicy.parse("null.yaml",
        MINIMAL.replace("description: Face photos", "description: ~")
            .replace("action: anonymize", "action: null")));

    assertThat(e.problems()).extracting(PolicyProblem::line, PolicyProblem::message)
        .containsExactly(tuple(7, "description must be a non-empty value"),
            tuple(11, "action must be a non-empty value"));
  }

  @Test
  void parse_refusesBadVersionsEmptyClassListsAndBadClassNames() {
    assertThat(problemsOf(() -> RetentionPolicy.parse("v.yaml", MINIMAL.replace("version: 7",
        "version: [1, 2]"))).problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("version must be a non-empty value"));
    assertThat(problemsOf(() -> RetentionPolicy.parse("v.yaml", MINIMAL.replace("version: 7",
        "version: 'one two'"))).problems()).singleElement()
        .satisfies(p -> assertThat(p.line()).isEqualTo(1));
    assertThat(problemsOf(() -> RetentionPolicy.parse("none.yaml",
        "version: 1\nretentionClasses: {}\n")).problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("at least one class"));
    assertThat(problemsOf(() -> RetentionPolicy.parse("name.yaml",
        MINIMAL.replace("  face:", "  face_photos:"))).problems()).singleElement()
        .satisfies(p -> assertThat(p.retentionClass()).isEqualTo("face_photos"));
  }

  @Test
  void parse_ofInvalidOrEmptyYaml_reportsWhereItBroke() {
    assertThat(problemsOf(() -> RetentionPolicy.parse("syntax.yaml",
        "version: 1\nretentionClasses:\n  a: [\n")).problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("not valid YAML"));
    assertThat(problemsOf(() -> RetentionPolicy.parse("blank.yaml", "  \n")).problems())
        .singleElement().satisfies(p -> assertThat(p.message()).isEqualTo("the policy is empty"));
    assertThat(problemsOf(() -> RetentionPolicy.parse("list.yaml", "- a\n- b\n")).problems())
        .singleElement().satisfies(p -> assertThat(p.message()).contains("must be a mapping"));
  }

  private static PolicyException problemsOf(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(PolicyException.class);
    return (PolicyException) thrown;
  }

  private static URI resource(String name) throws URISyntaxException {
    return PolicyParseTest.class.getResource(name).toURI();
  }
}
