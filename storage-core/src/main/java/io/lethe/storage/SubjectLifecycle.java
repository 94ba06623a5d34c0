package io.lethe.storage;

import io.lethe.storage.SubjectStore.SubjectRow;
import java.sql.Connection;
import java.time.Instant;
import java.util.UUID;

/** Subject status rules on top of the {@code subjects} table: who may be used, who may change. */
final class SubjectLifecycle {

  private final SubjectStore subjects;

  SubjectLifecycle(SubjectStore subjects) {
    this.subjects = subjects;
  }

  /** The subject if its data may be written and read now, else the code that says why not. */
  SubjectRow usable(Connection c, UUID subjectId) {
    SubjectRow row = subjects.find(c, subjectId).orElseThrow(() -> notFound(subjectId));
    return switch (row.subject().status()) {
      case ACTIVE -> row;
      case SUSPENDED -> throw new StorageException(StorageErrorCode.SUBJECT_SUSPENDED,
          "subject " + subjectId + " is suspended");
      case ERASED -> throw new StorageException(StorageErrorCode.SUBJECT_ERASED,
          "subject " + subjectId + " was erased; its data cannot be read");
    };
  }

  /**
   * The subject if new data may be written to it now: usable, and its account not closed (a
   * closed account waits for deletion; what it would take now would only be deleted with it).
   */
  SubjectRow writable(Connection c, UUID subjectId) {
    SubjectRow row = usable(c, subjectId);
    if (row.closedAt() != null) {
      throw new StorageException(StorageErrorCode.SUBJECT_CLOSED, "subject " + subjectId
          + " is closed and waits for deletion; reopen it before writing to it");
    }
    return row;
  }

  /**
   * The subject if its data may be read for {@code purpose} now ({@link
   * SubjectStatus#readableFor}), else the code that says why not.
   */
  SubjectRow readable(Connection c, UUID subjectId, String purpose) {
    SubjectRow row = subjects.find(c, subjectId).orElseThrow(() -> notFound(subjectId));
    if (row.subject().status().readableFor(purpose)) {
      return row;
    }
    return usable(c, subjectId);
  }

  /** The subject if it still has a key (ACTIVE or SUSPENDED), else not-found or erased. */
  SubjectRow keyed(Connection c, UUID subjectId) {
    SubjectRow row = subjects.find(c, subjectId).orElseThrow(() -> notFound(subjectId));
    if (row.subject().status() == SubjectStatus.ERASED) {
      throw new StorageException(StorageErrorCode.SUBJECT_ERASED,
          "subject " + subjectId + " was erased; it has no key to move");
    }
    return row;
  }

  /** Applies {@code to} if {@link SubjectStatus#canBecome} allows it from the current status. */
  Subject transition(Connection c, UUID subjectId, SubjectStatus to, Instant now) {
    Subject current = subjects.find(c, subjectId).map(SubjectRow::subject)
        .orElseThrow(() -> notFound(subjectId));
    if (current.status() == SubjectStatus.ERASED) {
      throw new StorageException(StorageErrorCode.SUBJECT_ERASED,
          "subject " + subjectId + " was erased; nothing about it changes any more");
    }
    if (!current.status().canBecome(to)) {
      throw new StorageException(StorageErrorCode.SUBJECT_TRANSITION_INVALID,
          "subject " + subjectId + " cannot go from " + current.status() + " to " + to);
    }
    // Compare-and-set on the status, so two concurrent transitions cannot both succeed.
    if (!subjects.changeStatus(c, subjectId, current.status(), to, now)) {
      throw new StorageException(StorageErrorCode.SUBJECT_TRANSITION_INVALID,
          "subject " + subjectId + " changed status concurrently; retry");
    }
    return new Subject(subjectId, to, current.createdAt());
  }

  private static StorageException notFound(UUID subjectId) {
    return new StorageException(StorageErrorCode.SUBJECT_NOT_FOUND,
        "subject " + subjectId + " does not exist");
  }
}
