package io.lethe.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** What the load has written so far, for the reads, lookups and exports to pick from. */
final class HttpLoadCorpus {

  /** A record the load wrote, with one of its searchable values (or none). */
  record Written(String subjectId, String recordId, String type, String purpose,
      String lookupField, String lookupValue) {}

  private final List<String> subjects = new ArrayList<>();
  private final List<Written> records = new ArrayList<>();
  private final List<Written> searchable = new ArrayList<>();

  synchronized void subject(String id) {
    subjects.add(id);
  }

  synchronized void record(Written w) {
    records.add(w);
    if (w.lookupField() != null) {
      searchable.add(w);
    }
  }

  synchronized Optional<String> anySubject(RandomGenerator r) {
    return subjects.isEmpty() ? Optional.empty()
        : Optional.of(subjects.get(r.nextInt(subjects.size())));
  }

  synchronized Optional<Written> anyRecord(RandomGenerator r) {
    return records.isEmpty() ? Optional.empty()
        : Optional.of(records.get(r.nextInt(records.size())));
  }

  synchronized Optional<Written> anySearchable(RandomGenerator r) {
    return searchable.isEmpty() ? Optional.empty()
        : Optional.of(searchable.get(r.nextInt(searchable.size())));
  }
}
