package io.lethe.lifecycle.policy;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What anonymization does with one field: {@code drop} it, {@code keep} it as it is (only for
 * fields that identify nobody, see {@code AnonymizationCheck}), or {@code generalize(<how>)}.
 *
 * @param generalization present exactly when {@code action} is GENERALIZE
 */
public record FieldRule(Action action, Optional<Generalization> generalization) {

  /** The three things a rule can do. */
  public enum Action { DROP, KEEP, GENERALIZE }

  private static final Pattern GENERALIZE = Pattern.compile("generalize\\(\\s*([a-z0-9-]+)\\s*\\)");

  public static final FieldRule DROP = new FieldRule(Action.DROP, Optional.empty());
  public static final FieldRule KEEP = new FieldRule(Action.KEEP, Optional.empty());

  public FieldRule {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(generalization, "generalization");
    if ((action == Action.GENERALIZE) != generalization.isPresent()) {
      throw new IllegalArgumentException("a generalization goes with generalize, and only there");
    }
  }

  public static FieldRule generalize(Generalization how) {
    return new FieldRule(Action.GENERALIZE, Optional.of(how));
  }

  /**
   * Parses {@code drop}, {@code keep} or {@code generalize(year)} and the like.
   *
   * @throws IllegalArgumentException saying what is accepted
   */
  public static FieldRule parse(String text) {
    String t = text.strip();
    if (t.equals("drop")) {
      return DROP;
    }
    if (t.equals("keep")) {
      return KEEP;
    }
    Matcher m = GENERALIZE.matcher(t);
    if (m.matches()) {
      return Generalization.fromPolicyName(m.group(1)).map(FieldRule::generalize)
          .orElseThrow(() -> new IllegalArgumentException("unknown generalization '"
              + m.group(1) + "' (known: " + String.join(", ", Generalization.policyNames())
              + ")"));
    }
    throw new IllegalArgumentException("must be drop, keep or generalize(<how>) with <how> one"
        + " of " + String.join(", ", Generalization.policyNames()));
  }

  @Override
  public String toString() {
    return action == Action.GENERALIZE
        ? "generalize(" + generalization.orElseThrow().policyName() + ")"
        : action.name().toLowerCase(java.util.Locale.ROOT);
  }
}
