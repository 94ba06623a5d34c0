-- Where the retained chain starts after whole monthly indices were dropped for retention: the
-- first retained sequence number and the hash it links to. Verify starts here instead of at 1.
CREATE TABLE audit_chain_floor (
  id         INTEGER                  PRIMARY KEY,
  seq        BIGINT                   NOT NULL,
  prev       VARCHAR(64)              NOT NULL,
  dropped_at TIMESTAMP WITH TIME ZONE NOT NULL
);
