package io.lethe.lifecycle.policy;

import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import io.lethe.storage.Expiry;
import io.lethe.storage.RecordExpiry;
import io.lethe.storage.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated retention policy: for each retention class, how long its records are kept, counted
 * from which event, and what happens then. Immutable and thread-safe.
 *
 * <p>Loading reports every problem of the file at once as a {@link PolicyException} naming file,
 * line and retention class. The {@link #version()} is recorded with each record's expiry, so a
 * later policy change can tell which records were dated under which rules.
 */
public final class RetentionPolicy {

  static final String DEFAULT_RESOURCE = "/io/lethe/lifecycle/policy/default-policy.yaml";

  private final String source;
  private final String version;
  private final Map<String, RetentionRule> rules;
  private final Map<String, AnonymizationRules> anonymization;

  RetentionPolicy(String source, String version, Map<String, RetentionRule> rules,
      Map<String, AnonymizationRules> anonymization) {
    this.source = Objects.requireNonNull(source, "source");
    this.version = Objects.requireNonNull(version, "version");
    this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    this.anonymization = Collections.unmodifiableMap(new LinkedHashMap<>(anonymization));
  }

  /** The policy that ships with Lethe, modelled on the two seed privacy policies. */
  public static RetentionPolicy defaultPolicy() {
    try (InputStream in = RetentionPolicy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new LifecycleException(LifecycleErrorCode.POLICY_INVALID,
            "default policy resource is missing from the classpath");
      }
      return parse("default-policy.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new LifecycleException(LifecycleErrorCode.POLICY_INVALID,
          "default policy resource cannot be read", e);
    }
  }

  /** @throws PolicyException with every problem found; LifecycleException if unreadable */
  public static RetentionPolicy load(Path file) {
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new LifecycleException(LifecycleErrorCode.POLICY_INVALID,
          "policy file " + file + " cannot be read", e);
    }
  }

  /**
   * @param sourceName only used in problem reports
   * @throws PolicyException with every problem found
   */
  public static RetentionPolicy parse(String sourceName, String yaml) {
    Objects.requireNonNull(yaml, "yaml");
    return new PolicyReader(Objects.requireNonNull(sourceName, "sourceName")).read(yaml);
  }

  /** Where the policy was read from, for reports. */
  public String source() {
    return source;
  }

  public String version() {
    return version;
  }

  /** Rules by retention class, in file order. */
  public Map<String, RetentionRule> rules() {
    return rules;
  }

  /**
   * The field rules of a class whose action is anonymize; empty for a class that deletes (or
   * has no rule).
   */
  public Optional<AnonymizationRules> anonymization(String retentionClass) {
    return Optional.ofNullable(anonymization.get(
        Objects.requireNonNull(retentionClass, "retentionClass")));
  }

  /** The retention classes whose action is anonymize, in file order. */
  public Set<String> anonymizedClasses() {
    return anonymization.keySet();
  }

  /** @throws LifecycleException {@code lifecycle.policy.class-unknown} if there is no rule */
  public RetentionRule rule(String retentionClass) {
    RetentionRule rule = rules.get(Objects.requireNonNull(retentionClass, "retentionClass"));
    if (rule == null) {
      throw new LifecycleException(LifecycleErrorCode.POLICY_CLASS_UNKNOWN, "retention policy "
          + source + " (version " + version + ") has no rule for class '" + retentionClass + "'");
    }
    return rule;
  }

  /**
   * When a record of {@code retentionClass} expires: the time of its rule's trigger event plus
   * the period. Empty while that event has not happened.
   *
   * @param events the times of the events that have happened for the record (and its subject)
   * @throws LifecycleException {@code lifecycle.policy.class-unknown} if there is no rule
   */
  public Optional<Instant> expiresAt(String retentionClass, Map<Trigger, Instant> events) {
    return rule(retentionClass).expiresAt(events);
  }

  /**
   * The expiry under this policy of a record of {@code rule}'s class whose event happened at
   * {@code start}: {@code start} plus the period, with this version, the start and its event.
   */
  public Expiry expiry(RetentionRule rule, Instant start) {
    return new Expiry(rule.period().addTo(Objects.requireNonNull(start, "start")), version,
        start, rule.countedFrom().policyName());
  }

  /**
   * Dates each new record by this policy, with the version and the start of its period, in the
   * transaction that writes it. The store refuses ({@code lifecycle.policy.class-unknown}) a
   * record of a class without a rule.
   */
  public RecordExpiry recordExpiry() {
    return new PolicyRecordExpiry(this);
  }

  /** The given retention classes that this policy has no rule for, sorted. */
  public List<String> missingClasses(Set<String> retentionClasses) {
    return retentionClasses.stream().filter(c -> !rules.containsKey(c)).sorted().toList();
  }

  /**
   * Checks that every retention class {@code schema} declares has a rule, so no record can be
   * stored without an expiry. Rules for classes the schema does not use are allowed. Then
   * checks the anonymize rules against the schema's record types: every field of every record
   * type of an anonymized class has a rule, no rule keeps a field that identifies a person, and
   * each generalization fits its field's type.
   *
   * @throws LifecycleException {@code lifecycle.policy.schema-mismatch} naming every missing class
   * @throws PolicyException ({@code lifecycle.policy.invalid}) with every anonymize rule problem,
   *     each with file, line and class
   */
  public void validateAgainst(Schema schema) {
    List<String> missing = missingClasses(schema.retentionClasses());
    if (!missing.isEmpty()) {
      throw new LifecycleException(LifecycleErrorCode.POLICY_SCHEMA_MISMATCH, "retention policy "
          + source + " (version " + version + ") has no rule for the schema's retention "
          + "class(es): " + String.join(", ", missing));
    }
    List<PolicyProblem> problems = new AnonymizationCheck(source, schema)
        .problems(anonymization.values());
    if (!problems.isEmpty()) {
      throw new PolicyException(source, problems);
    }
  }
}
