package io.lethe.storage.objects;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Removes bucket objects no row refers to. Lists the bucket once, in pages of
 * {@link Bucket#DELETE_BATCH} keys; each page costs one {@code IN} query and at most one batch
 * delete, so memory stays bounded however large the bucket. Objects written after
 * {@code cutoff} are skipped: their row may simply not be committed yet.
 */
final class OrphanSweeper {

  private final Bucket bucket;
  private final ObjectRows rows;
  private final String prefix;
  private final List<String> page = new ArrayList<>();
  private long scanned;
  private long deleted;

  OrphanSweeper(Bucket bucket, ObjectRows rows, String prefix) {
    this.bucket = bucket;
    this.rows = rows;
    this.prefix = prefix;
  }

  OrphanSweep sweep(Connection c, Instant cutoff) {
    bucket.list(prefix, entry -> {
      if (entry.lastModified().isBefore(cutoff)) {
        page.add(entry.key());
        if (page.size() == Bucket.DELETE_BATCH) {
          flush(c);
        }
      }
    });
    flush(c);
    return new OrphanSweep(scanned, deleted);
  }

  private void flush(Connection c) {
    scanned += page.size();
    Set<String> known = rows.known(c, page);
    List<String> orphans = page.stream().filter(k -> !known.contains(k)).toList();
    bucket.removeAll(orphans);
    deleted += orphans.size();
    page.clear();
  }
}
