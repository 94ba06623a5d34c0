-- Photos and files (ADR 0005). The content lives in the bucket, encrypted under a per-object key;
-- this row holds that key wrapped by the subject's data key, so the bucket alone reveals nothing
-- and deleting the row (or the subject key) shreds the content. Portable SQL, like V1.

CREATE TABLE objects (
    id           UUID                     NOT NULL,
    subject_id   UUID                     NOT NULL,
    record_id    UUID,
    category     VARCHAR(32)              NOT NULL,
    -- A bare "type/subtype", validated by the store: no parameters, so no file names.
    content_type VARCHAR(127)             NOT NULL,
    -- Plaintext length in bytes.
    size         BIGINT                   NOT NULL,
    -- Opaque bucket key, "o/" and 32 random hex digits; never derived from anything personal.
    storage_key  VARCHAR(64)              NOT NULL,
    -- Object format version (ADR 0005); bound into the associated data of the stream.
    format       SMALLINT                 NOT NULL,
    -- 0x01 ‖ nonce(12) ‖ AES-GCM(subject key, object key) ‖ tag(16).
    wrapped_key  BYTEA                    NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    state        VARCHAR(16)              NOT NULL,
    CONSTRAINT objects_pk PRIMARY KEY (id),
    CONSTRAINT objects_storage_key_uk UNIQUE (storage_key),
    CONSTRAINT objects_subject_fk FOREIGN KEY (subject_id) REFERENCES subjects (id),
    CONSTRAINT objects_record_fk FOREIGN KEY (record_id) REFERENCES records (id),
    CONSTRAINT objects_size_ck CHECK (size >= 0),
    -- DELETED is for the lifecycle jobs' soft delete, as records.state; the store reads ACTIVE.
    CONSTRAINT objects_state_ck CHECK (state IN ('ACTIVE', 'DELETED'))
);

CREATE INDEX objects_subject_ix ON objects (subject_id);
CREATE INDEX objects_record_ix ON objects (record_id);
