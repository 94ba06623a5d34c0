package io.lethe.lifecycle.erasure;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Retries a call to an outside service (the object store, Vault) that failed for a reason that
 * may pass: up to {@code attempts} calls, waiting {@code firstDelay}, then twice as long each
 * time, never more than {@code maxDelay}. Anything else fails at once.
 */
public record Backoff(int attempts, Duration firstDelay, Duration maxDelay) {

  /** Failures that say "try later", not "this is wrong". */
  private static final Set<StorageErrorCode> PASSING = Set.of(
      StorageErrorCode.OBJECT_STORE_UNAVAILABLE, StorageErrorCode.VAULT_UNREACHABLE,
      StorageErrorCode.VAULT_SEALED);

  public Backoff {
    Objects.requireNonNull(firstDelay, "firstDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException("delays must be positive and maxDelay >= firstDelay");
    }
  }

  /** Five attempts over about fifteen seconds. */
  public static Backoff defaults() {
    return new Backoff(5, Duration.ofMillis(500), Duration.ofSeconds(8));
  }

  public static boolean passing(RuntimeException e) {
    return e instanceof StorageException s && PASSING.contains(s.code());
  }

  /**
   * Calls {@code attempt} until it succeeds, fails for a lasting reason, or runs out of
   * attempts; {@code undo} runs after each failed attempt, before the next one, so that every
   * attempt starts from the same state. Throws the last failure.
   */
  public <T> T call(Supplier<T> attempt, Runnable undo) {
    Duration delay = firstDelay;
    for (int i = 1; ; i++) {
      try {
        return attempt.get();
      } catch (RuntimeException e) {
        undo.run();
        if (i >= attempts || !passing(e)) {
          throw e;
        }
      }
      sleep(delay);
      delay = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
    }
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry", e);
    }
  }
}
