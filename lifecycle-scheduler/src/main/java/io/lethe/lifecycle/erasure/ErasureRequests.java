package io.lethe.lifecycle.erasure;

import java.sql.Connection;
import java.time.Instant;
import java.util.UUID;

/**
 * Where the erasure job reports a request's progress: the caller's request table (the server's
 * subject requests). Each call uses the batch's connection, so the request's status commits
 * with the work it describes and a crash can never leave them apart. Implementations never
 * commit and must accept a repeated call (a batch redone after a rollback calls again).
 */
public interface ErasureRequests {

  /** The job took the request up: its first step (destroying the key) commits with this. */
  void running(Connection c, UUID requestId, Instant now);

  /** Every row and object is purged. */
  void done(Connection c, UUID requestId, Instant now);

  /**
   * An attempt failed ({@code errorCode}, e.g. the object store stayed unreachable through every
   * retry); the erasure stays pending and a later run continues it.
   */
  void failed(Connection c, UUID requestId, String errorCode, Instant now);
}
