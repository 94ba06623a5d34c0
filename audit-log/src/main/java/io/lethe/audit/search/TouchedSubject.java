package io.lethe.audit.search;

import java.time.Instant;

/** A subject whose data an actor accessed in a window: how often, first and last. */
public record TouchedSubject(String subjectId, long accesses, Instant firstAccess,
    Instant lastAccess) {}
