-- Events are chained when they are shipped (ADR 0016), so new outbox rows never get a chain_seq
-- and the unique index on it only cost every insert of every access an index entry. The
-- chain_* columns stay: rows an earlier release chained before an upgrade still ship with the
-- links they were given. Finding those takes one scan of the outbox when a shipper starts.
DROP INDEX audit_outbox_chain_ix;
