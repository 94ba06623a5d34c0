package io.lethe.lifecycle;

/**
 * Stable, dotted error codes of lifecycle-scheduler. Callers (the REST layer, the CLI's exit-code
 * mapper) switch over this enum exhaustively, so a new code cannot ship unmapped; the dotted form
 * appears in problem details and logs and must never change once released.
 */
public enum LifecycleErrorCode {
  /** A retention policy file that does not load; the exception lists every problem. */
  POLICY_INVALID("lifecycle.policy.invalid"),
  /** A retention class that the policy has no rule for. */
  POLICY_CLASS_UNKNOWN("lifecycle.policy.class-unknown"),
  /** The policy lacks rules for retention classes that the schema declares. */
  POLICY_SCHEMA_MISMATCH("lifecycle.policy.schema-mismatch");

  private final String code;

  LifecycleErrorCode(String code) {
    this.code = code;
  }

  /** The stable dotted form, e.g. {@code lifecycle.policy.invalid}. */
  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return code;
  }
}
