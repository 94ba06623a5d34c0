package io.lethe.lifecycle.jobs;

/**
 * What a run (or one batch of it) did, record by record. In a dry run the counts say what it
 * would have done.
 *
 * @param scanned records examined
 * @param skippedForHold due, but a legal hold applies
 * @param deferred due for anonymization, but its subject is suspended: generalizing is
 *     processing, which suspension restricts; a later run takes it
 * @param failed an action that failed and was rolled back; the record is retried by a later run
 * @param redated records whose expiry a changed policy moved, set or cleared
 *     ({@code retention-redate})
 */
public record JobCounts(long scanned, long deleted, long anonymized, long skippedForHold,
    long deferred, long failed, long redated) {

  public static final JobCounts ZERO = new JobCounts(0, 0, 0, 0, 0, 0, 0);

  public JobCounts {
    if (scanned < 0 || deleted < 0 || anonymized < 0 || skippedForHold < 0 || deferred < 0
        || failed < 0 || redated < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /** The counts of a job that redates nothing. */
  public JobCounts(long scanned, long deleted, long anonymized, long skippedForHold,
      long deferred, long failed) {
    this(scanned, deleted, anonymized, skippedForHold, deferred, failed, 0);
  }

  public JobCounts plus(JobCounts o) {
    return new JobCounts(scanned + o.scanned, deleted + o.deleted, anonymized + o.anonymized,
        skippedForHold + o.skippedForHold, deferred + o.deferred, failed + o.failed,
        redated + o.redated);
  }
}
