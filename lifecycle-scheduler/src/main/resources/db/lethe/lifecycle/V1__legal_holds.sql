-- Legal holds (lifecycle-scheduler). Portable SQL: runs unchanged on PostgreSQL 15 and H2 2.x.
-- No foreign keys to subjects/records: a hold is part of the legal record and must outlive the
-- purge of the rows it once protected (after its release), and this module's migrations must
-- not depend on the order in which storage-core's tables were created.
-- A hold is active while released_at is null and ends_at (if any) has not passed.

CREATE TABLE legal_holds (
    id             UUID                     NOT NULL,
    subject_id     UUID,
    record_id      UUID,
    reason         VARCHAR(500)             NOT NULL,
    case_reference VARCHAR(200)             NOT NULL,
    placed_by      VARCHAR(200)             NOT NULL,
    placed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at        TIMESTAMP WITH TIME ZONE,
    released_at    TIMESTAMP WITH TIME ZONE,
    released_by    VARCHAR(200),
    CONSTRAINT legal_holds_pk PRIMARY KEY (id),
    -- Exactly one target: a subject (all its records) or one record.
    CONSTRAINT legal_holds_target_ck CHECK ((subject_id IS NULL) <> (record_id IS NULL)),
    CONSTRAINT legal_holds_release_ck CHECK ((released_at IS NULL) = (released_by IS NULL))
);

CREATE INDEX legal_holds_subject_ix ON legal_holds (subject_id);
CREATE INDEX legal_holds_record_ix ON legal_holds (record_id);
