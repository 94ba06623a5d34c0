package io.lethe.testsupport.vault;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Vault ACL policies tests need: {@code path "<glob>" { capabilities = [...] }}
 * stanzas, where a trailing {@code *} is a prefix glob and {@code +} one path segment. When several
 * patterns match, the most specific wins (exact, then later first wildcard, then fewer {@code +},
 * then longer); rules for the same pattern in different policies are merged; {@code deny} wins.
 */
final class Acl {

  record Rule(String pattern, Set<String> capabilities) {
    boolean matches(String path) {
      StringBuilder regex = new StringBuilder();
      String body = pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
      for (String part : body.split("\\+", -1)) {
        if (regex.length() > 0) {
          regex.append("[^/]+");
        }
        regex.append(Pattern.quote(part));
      }
      if (pattern.endsWith("*")) {
        regex.append(".*");
      }
      return path.matches(regex.toString());
    }

    boolean glob() {
      return pattern.endsWith("*") || pattern.contains("+");
    }

    int firstWildcard() {
      int star = pattern.indexOf('*');
      int plus = pattern.indexOf('+');
      int first = Integer.MAX_VALUE;
      if (star >= 0) {
        first = star;
      }
      if (plus >= 0) {
        first = Math.min(first, plus);
      }
      return first;
    }

    int plusCount() {
      return (int) pattern.chars().filter(c -> c == '+').count();
    }
  }

  static final Set<String> CAPABILITIES =
      Set.of("create", "read", "update", "delete", "list", "sudo", "deny", "patch");

  private static final Pattern STANZA = Pattern.compile(
      "path\\s+\"([^\"]*)\"\\s*\\{\\s*capabilities\\s*=\\s*\\[([^\\]]*)]\\s*}", Pattern.DOTALL);

  /** Vault's built-in "default" policy, reduced to what a token needs about itself. */
  static final String DEFAULT_POLICY = """
      path "auth/token/lookup-self" { capabilities = ["read"] }
      path "auth/token/renew-self" { capabilities = ["update"] }
      path "auth/token/revoke-self" { capabilities = ["update"] }
      path "sys/capabilities-self" { capabilities = ["update"] }
      """;

  private Acl() {}

  static List<Rule> parse(String hcl) {
    List<Rule> rules = new ArrayList<>();
    String withoutComments = hcl.replaceAll("(?m)^\\s*#.*$", "");
    Matcher m = STANZA.matcher(withoutComments);
    int end = 0;
    while (m.find()) {
      if (!withoutComments.substring(end, m.start()).isBlank()) {
        throw new IllegalArgumentException("failed to parse policy: unexpected text near offset " + end);
      }
      Set<String> caps = new LinkedHashSet<>();
      for (String c : m.group(2).split(",")) {
        String cap = c.trim().replace("\"", "");
        if (cap.isEmpty()) {
          continue;
        }
        if (!CAPABILITIES.contains(cap)) {
          throw new IllegalArgumentException("failed to parse policy: invalid capability \"" + cap + "\"");
        }
        caps.add(cap);
      }
      String path = m.group(1).startsWith("/") ? m.group(1).substring(1) : m.group(1);
      rules.add(new Rule(path, caps));
      end = m.end();
    }
    if (!withoutComments.substring(end).isBlank()) {
      throw new IllegalArgumentException("failed to parse policy: unexpected text near offset " + end);
    }
    return rules;
  }

  /** Capabilities a set of policies grants on a path; empty means denied. */
  static Set<String> capabilities(Collection<List<Rule>> policies, String path) {
    Map<String, Set<String>> byPattern = new TreeMap<>();
    Rule best = null;
    for (List<Rule> policy : policies) {
      for (Rule r : policy) {
        if (!r.matches(path)) {
          continue;
        }
        byPattern.computeIfAbsent(r.pattern(), k -> new LinkedHashSet<>()).addAll(r.capabilities());
        if (best == null || moreSpecific(r, best)) {
          best = r;
        }
      }
    }
    if (best == null) {
      return Set.of();
    }
    Set<String> caps = byPattern.get(best.pattern());
    return caps.contains("deny") ? Set.of() : caps;
  }

  private static boolean moreSpecific(Rule a, Rule b) {
    if (a.glob() != b.glob()) {
      return !a.glob();
    }
    if (a.firstWildcard() != b.firstWildcard()) {
      return a.firstWildcard() > b.firstWildcard();
    }
    if (a.plusCount() != b.plusCount()) {
      return a.plusCount() < b.plusCount();
    }
    return a.pattern().length() > b.pattern().length();
  }

  /** Builds one stanza, for callers that prefer not to write HCL. */
  static String stanza(String pathGlob, String... capabilities) {
    StringBuilder sb = new StringBuilder("path \"").append(pathGlob).append("\" { capabilities = [");
    for (int i = 0; i < capabilities.length; i++) {
      sb.append(i == 0 ? "" : ", ").append('"').append(capabilities[i]).append('"');
    }
    return sb.append("] }\n").toString();
  }
}
