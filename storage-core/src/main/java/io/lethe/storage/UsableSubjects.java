package io.lethe.storage;

import io.lethe.storage.keys.WrappedKey;
import java.sql.Connection;
import java.util.UUID;

/**
 * The wrapped key of a subject whose data may be used now, for the other packages of
 * storage-core (the object store), so the status rule lives in one place
 * ({@code SubjectLifecycle.usable}). Throws {@code storage.subject.not-found}, {@code suspended}
 * or {@code erased}.
 */
public final class UsableSubjects {

  private static final SubjectLifecycle LIFECYCLE = new SubjectLifecycle(new SubjectStore());

  private UsableSubjects() {}

  public static WrappedKey wrappedKey(Connection c, UUID subjectId) {
    return LIFECYCLE.usable(c, subjectId).key();
  }

  /** The wrapped key if new data may be written to the subject now (its account is open). */
  public static WrappedKey writableKey(Connection c, UUID subjectId) {
    return LIFECYCLE.writable(c, subjectId).key();
  }

  /** The wrapped key if the subject's data may be read for {@code purpose} now. */
  public static WrappedKey readableKey(Connection c, UUID subjectId, String purpose) {
    return LIFECYCLE.readable(c, subjectId, purpose).key();
  }
}
