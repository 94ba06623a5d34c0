package io.lethe.storage;

import io.lethe.storage.crypto.BlindIndexMac;

/**
 * How blind index digests are made. {@code digestBytes} is the truncated HMAC length for index
 * key versions created from now on; each version keeps the length it was created with, so
 * changing it takes effect at the next {@link PersonalDataStore#rotateIndexKey}. ADR 0006 weighs
 * the length: 16 bytes make accidental collisions negligible, shorter digests leak less about
 * which records share a value but return more false candidates.
 */
public record BlindIndexSettings(int digestBytes) {

  public static final int DEFAULT_DIGEST_BYTES = 16;

  public BlindIndexSettings {
    if (digestBytes < BlindIndexMac.MIN_DIGEST_BYTES
        || digestBytes > BlindIndexMac.MAX_DIGEST_BYTES) {
      throw new IllegalArgumentException("digestBytes must be between "
          + BlindIndexMac.MIN_DIGEST_BYTES + " and " + BlindIndexMac.MAX_DIGEST_BYTES);
    }
  }

  public static BlindIndexSettings defaults() {
    return new BlindIndexSettings(DEFAULT_DIGEST_BYTES);
  }
}
