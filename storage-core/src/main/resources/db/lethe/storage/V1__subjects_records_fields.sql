-- storage-core's tables. Portable SQL: runs unchanged on PostgreSQL 15 and H2 2.x (no
-- compatibility mode), because the embedded default and the production server share it.
-- BYTEA is native on PostgreSQL and an alias of VARBINARY on H2; UUID is native on both.

CREATE TABLE subjects (
    id             UUID                     NOT NULL,
    status         VARCHAR(16)              NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at      TIMESTAMP WITH TIME ZONE,
    policy_version VARCHAR(64),
    wrapped_key    VARCHAR(1024),
    kek_id         VARCHAR(128),
    kek_version    INTEGER,
    CONSTRAINT subjects_pk PRIMARY KEY (id),
    CONSTRAINT subjects_status_ck CHECK (status IN ('ACTIVE', 'SUSPENDED', 'ERASED')),
    -- Crypto-shredding as an invariant: an erased subject has no key, every other one has.
    CONSTRAINT subjects_key_ck CHECK (
        (status = 'ERASED' AND wrapped_key IS NULL AND kek_id IS NULL AND kek_version IS NULL)
        OR (status <> 'ERASED' AND wrapped_key IS NOT NULL AND kek_id IS NOT NULL
            AND kek_version IS NOT NULL))
);

-- Finds the subject keys still wrapped under an old KEK version, for the key-rewrap job.
CREATE INDEX subjects_kek_ix ON subjects (kek_id, kek_version);

CREATE TABLE records (
    id              UUID                     NOT NULL,
    subject_id      UUID                     NOT NULL,
    type            VARCHAR(64)              NOT NULL,
    schema_version  INTEGER                  NOT NULL,
    retention_class VARCHAR(64)              NOT NULL,
    state           VARCHAR(16)              NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT records_pk PRIMARY KEY (id),
    CONSTRAINT records_subject_fk FOREIGN KEY (subject_id) REFERENCES subjects (id),
    CONSTRAINT records_state_ck CHECK (state IN ('ACTIVE', 'ANONYMIZED', 'DELETED'))
);

CREATE INDEX records_subject_ix ON records (subject_id);
CREATE INDEX records_expires_ix ON records (expires_at);

CREATE TABLE record_fields (
    record_id  UUID        NOT NULL,
    name       VARCHAR(64) NOT NULL,
    ciphertext BYTEA       NOT NULL,
    CONSTRAINT record_fields_pk PRIMARY KEY (record_id, name),
    CONSTRAINT record_fields_record_fk FOREIGN KEY (record_id) REFERENCES records (id)
);

-- Keyed HMAC digests of normalized searchable values (not written yet by this version).
CREATE TABLE blind_indexes (
    record_id UUID        NOT NULL,
    field     VARCHAR(64) NOT NULL,
    version   INTEGER     NOT NULL,
    digest    BYTEA       NOT NULL,
    CONSTRAINT blind_indexes_pk PRIMARY KEY (record_id, field, version),
    CONSTRAINT blind_indexes_record_fk FOREIGN KEY (record_id) REFERENCES records (id)
);

CREATE INDEX blind_indexes_lookup_ix ON blind_indexes (field, digest);
