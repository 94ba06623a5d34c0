package io.lethe.benchmarks;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} arguments of the load runs, and the rule that they stay on this machine. */
final class LoadArguments {

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

  private LoadArguments() {}

  /** The values by name (without the dashes); an unknown name is refused with the known ones. */
  static Map<String, String> parse(String[] args, Set<String> known) {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("arguments are --name value pairs; got " + args[i]);
      }
      a.put(args[i].substring(2), args[i + 1]);
    }
    for (String k : a.keySet()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException("unknown option --" + k + "; known: " + known);
      }
    }
    return a;
  }

  /** The load is as heavy as the machine allows: never point it at anything but this machine. */
  static void requireLoopbackJdbc(String jdbcUrl, String option) {
    requireLoopback(URI.create(jdbcUrl.substring("jdbc:".length())).getHost(), option);
  }

  static void requireLoopback(String host, String option) {
    if (host == null || !LOOPBACK.contains(host)) {
      throw new IllegalArgumentException(option + " must name a loopback address, not " + host);
    }
  }
}
