-- Blind index root keys (ADR 0006), one per index version, stored only wrapped by the KEK.
-- Portable SQL: runs unchanged on PostgreSQL 15 and H2 2.x.
-- state: ACTIVE versions are searched on every lookup, the highest one is used for new writes;
-- RETIRED versions are neither written nor searched (after a re-index has moved their rows).
-- kek_id/kek_version let the key-rewrap job find keys still wrapped under an old KEK version.

CREATE TABLE index_keys (
    version      INTEGER                  NOT NULL,
    wrapped_key  VARCHAR(1024)            NOT NULL,
    kek_id       VARCHAR(128)             NOT NULL,
    kek_version  INTEGER                  NOT NULL,
    digest_bytes INTEGER                  NOT NULL,
    state        VARCHAR(16)              NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT index_keys_pk PRIMARY KEY (version),
    CONSTRAINT index_keys_version_ck CHECK (version >= 1),
    CONSTRAINT index_keys_state_ck CHECK (state IN ('ACTIVE', 'RETIRED')),
    CONSTRAINT index_keys_digest_ck CHECK (digest_bytes BETWEEN 8 AND 32)
);

CREATE INDEX index_keys_kek_ix ON index_keys (kek_id, kek_version);
