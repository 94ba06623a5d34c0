package io.lethe.lifecycle.policy;

import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import java.util.List;
import java.util.stream.Collectors;

/** A policy file that does not load, with every problem found, not only the first. */
public final class PolicyException extends LifecycleException {

  private static final long serialVersionUID = 1L;

  private final transient List<PolicyProblem> problems;

  PolicyException(String source, List<PolicyProblem> problems) {
    super(LifecycleErrorCode.POLICY_INVALID, "retention policy " + source + " has "
        + problems.size() + " problem(s):"
        + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining()));
    this.problems = List.copyOf(problems);
  }

  /** In file order. */
  public List<PolicyProblem> problems() {
    return problems;
  }
}
