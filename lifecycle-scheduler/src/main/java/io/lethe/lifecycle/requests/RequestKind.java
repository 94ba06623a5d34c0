package io.lethe.lifecycle.requests;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a person asked for about their data. Stored and shown in lower case. */
public enum RequestKind {
  ERASURE, EXPORT, MIGRATION;

  /** The stored and displayed name, e.g. {@code erasure}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RequestKind> fromCode(String code) {
    return Arrays.stream(values()).filter(k -> k.code().equals(code)).findFirst();
  }
}
