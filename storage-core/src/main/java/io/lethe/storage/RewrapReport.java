package io.lethe.storage;

/**
 * What one {@link SubjectKeyRewrap#run} did.
 *
 * @param scanned subject keys claimed below the target version
 * @param rewrapped keys now stored under the current KEK version
 * @param failed keys the provider could not rewrap (altered, foreign, or already retired); they
 *     stay as they were and are claimed again by the next run
 * @param targetVersion the KEK version that was current when the run started
 */
public record RewrapReport(long scanned, long rewrapped, long failed, int targetVersion) {

  public RewrapReport {
    if (scanned < 0 || rewrapped < 0 || failed < 0 || rewrapped + failed > scanned) {
      throw new IllegalArgumentException("inconsistent counts");
    }
  }

  /** True if every key claimed was rewrapped: old KEK versions may then be retired. */
  public boolean complete() {
    return failed == 0;
  }
}
