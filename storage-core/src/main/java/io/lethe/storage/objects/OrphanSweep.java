package io.lethe.storage.objects;

/**
 * What {@link ObjectStore#sweepOrphans} did.
 *
 * @param scanned bucket objects old enough to be considered
 * @param deleted those of them that had no row and were removed
 */
public record OrphanSweep(long scanned, long deleted) {

  public OrphanSweep {
    if (scanned < 0 || deleted < 0 || deleted > scanned) {
      throw new IllegalArgumentException("counts must satisfy 0 <= deleted <= scanned");
    }
  }
}
