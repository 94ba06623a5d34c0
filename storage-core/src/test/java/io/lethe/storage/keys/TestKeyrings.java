package io.lethe.storage.keys;

import java.nio.file.Path;

/**
 * Keyrings for tests in any package. They use the lowest iteration count the format accepts:
 * production's 600,000 would add seconds to every test class without testing anything more.
 */
public final class TestKeyrings {

  public static final String PASSPHRASE = "test passphrase, not a secret";

  private TestKeyrings() {}

  public static KeyProvider fast(Path file) {
    return LocalKeyring.openOrCreate(file, PASSPHRASE.toCharArray(), KeyringFile.MIN_ITERATIONS);
  }

  public static KeyProvider fast(Path file, String passphrase) {
    return LocalKeyring.openOrCreate(file, passphrase.toCharArray(), KeyringFile.MIN_ITERATIONS);
  }
}
