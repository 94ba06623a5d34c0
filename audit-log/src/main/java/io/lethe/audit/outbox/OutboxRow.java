package io.lethe.audit.outbox;

import io.lethe.audit.chain.ChainLink;

/**
 * A waiting event as the shipper reads it: outbox order, id, month and canonical document, and
 * the link an earlier release stored on the row ({@code null} for rows chained at shipping).
 */
record OutboxRow(long seq, String eventId, String month, String document, ChainLink storedLink) {}
