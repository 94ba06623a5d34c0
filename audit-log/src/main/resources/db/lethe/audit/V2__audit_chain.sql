-- The hash chain (ADR 0007). Events get their place in the chain while still in the outbox, so
-- a retry after a crash resends the same chained documents and Elasticsearch keeps one copy.
ALTER TABLE audit_outbox ADD COLUMN chain_seq BIGINT;
ALTER TABLE audit_outbox ADD COLUMN chain_prev VARCHAR(64);
ALTER TABLE audit_outbox ADD COLUMN chain_hash VARCHAR(64);
CREATE UNIQUE INDEX audit_outbox_chain_ix ON audit_outbox (chain_seq);

-- One row: the last link. Locking it serializes chaining across every server of a cluster.
CREATE TABLE audit_chain_head (
  id   INTEGER     PRIMARY KEY,
  seq  BIGINT      NOT NULL,
  hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Signed chain heads, kept apart from Elasticsearch so that rewriting the index cannot
-- rewrite them too.
CREATE TABLE audit_checkpoints (
  seq        BIGINT                   PRIMARY KEY,
  hash       VARCHAR(64)              NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  key_id     VARCHAR(128)             NOT NULL,
  signature  VARCHAR(128)             NOT NULL
);
