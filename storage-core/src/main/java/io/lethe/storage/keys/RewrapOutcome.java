package io.lethe.storage.keys;

import io.lethe.storage.StorageErrorCode;
import java.util.Objects;

/** What became of one key in {@link KeyProvider#rewrapAll}: an expected result, not a failure. */
public sealed interface RewrapOutcome {

  /** The same data key, now wrapped under {@code key.kekVersion()}. */
  record Rewrapped(WrappedKey key) implements RewrapOutcome {
    public Rewrapped {
      Objects.requireNonNull(key, "key");
    }
  }

  /** This key could not be rewrapped; {@code reason} is for operators and holds no key material. */
  record Failed(StorageErrorCode code, String reason) implements RewrapOutcome {
    public Failed {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
