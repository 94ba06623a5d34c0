-- Retained events chained below the floor (ADR 0008, "2026-12: events kept below the floor").
-- Months interleave in chain order at a boundary: an access of 1 June can be chained before one
-- of 31 May, so dropping May keeps it below the floor. Verify accepts below the floor exactly
-- these links, each with its hash. Rewritten with the floor, in its transaction; floor_seq ties
-- each row to the floor it belongs to, so one statement reads both consistently.
CREATE TABLE audit_chain_floor_kept (
  seq       BIGINT      PRIMARY KEY,
  hash      VARCHAR(64) NOT NULL,
  floor_seq BIGINT      NOT NULL
);

-- A floor recorded before this migration did not look for kept events: the next drop takes the
-- links it finds below such a floor as they are, once (ADR 0008), then records them.
ALTER TABLE audit_chain_floor ADD COLUMN kept_recorded BOOLEAN DEFAULT FALSE NOT NULL;
