package io.lethe.server.api;

import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import java.sql.Connection;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The API's rule for deletions the storage layer allows whatever the subject's status (the
 * lifecycle jobs must still expire a suspended subject's data): through the API, a suspended
 * subject is frozen and an erased one is gone, so neither takes a change.
 */
@Component
class SubjectWrites {

  private final PersonalDataStore store;

  SubjectWrites(PersonalDataStore store) {
    this.store = store;
  }

  /** Throws {@code storage.subject.suspended} (409) or {@code storage.subject.erased} (410). */
  void requireWritable(Connection c, UUID subjectId) {
    switch (store.describeSubject(c, subjectId).status()) {
      case ACTIVE -> { }
      case SUSPENDED -> throw new StorageException(StorageErrorCode.SUBJECT_SUSPENDED,
          "subject " + subjectId + " is suspended; resume it before changing its data");
      case ERASED -> throw new StorageException(StorageErrorCode.SUBJECT_ERASED,
          "subject " + subjectId + " was erased; its data cannot be changed");
    }
  }
}
