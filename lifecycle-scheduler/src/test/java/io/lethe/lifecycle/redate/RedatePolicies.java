package io.lethe.lifecycle.redate;

import io.lethe.lifecycle.policy.RetentionPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The default policy under another version, with some of its lines changed. */
final class RedatePolicies {

  /** device-log-6-months, as the default policy has it. */
  static final String DEVICE_LOGS = "period: P6M\n    countedFrom: record-created";
  /** account-lifetime, as the default policy has it. */
  static final String ACCOUNTS = "period: P30D\n    countedFrom: subject-closed";
  /** study-period, as the default policy has it. */
  static final String STUDIES = "period: P7D\n    countedFrom: purpose-fulfilled";

  private RedatePolicies() {}

  /** The default policy, whose version is 1. */
  static RetentionPolicy v1() {
    return RetentionPolicy.defaultPolicy();
  }

  /** The default policy as {@code version}, each {@code edits[2i]} replaced by the next one. */
  static RetentionPolicy of(String version, String... edits) {
    String yaml = defaultYaml().replace("\nversion: 1\n", "\nversion: " + version + "\n");
    for (int i = 0; i < edits.length; i += 2) {
      if (!yaml.contains(edits[i])) {
        throw new IllegalArgumentException("the default policy has no '" + edits[i] + "'");
      }
      yaml = yaml.replace(edits[i], edits[i + 1]);
    }
    return RetentionPolicy.parse("redate-v" + version + ".yaml", yaml);
  }

  private static String defaultYaml() {
    try (InputStream in = RetentionPolicy.class.getResourceAsStream(
        "/io/lethe/lifecycle/policy/default-policy.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
