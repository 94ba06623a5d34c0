-- Erasure requests the erasure job carries out (ADR 0015). One row per subject: a second request
-- while one is pending is the same request. Portable SQL, like V1. Counters and steps are written
-- in the transaction of the batch that did them, so after a crash the row says what is done.
-- No foreign key to subjects: storage-core's tables are not this module's to depend on.

CREATE TABLE erasures (
    subject_id       UUID                     NOT NULL,
    request_id       UUID                     NOT NULL,
    requested_by     VARCHAR(200)             NOT NULL,
    requested_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Set by the batch that destroyed the subject key: the first step, before any purge.
    key_destroyed_at TIMESTAMP WITH TIME ZONE,
    records_purged   BIGINT                   NOT NULL,
    objects_purged   BIGINT                   NOT NULL,
    -- The code of the last failed attempt (ids and codes only); the next run tries again.
    last_error_code  VARCHAR(128),
    finished_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT erasures_pk PRIMARY KEY (subject_id),
    CONSTRAINT erasures_request_uk UNIQUE (request_id),
    CONSTRAINT erasures_order_ck CHECK (finished_at IS NULL OR key_destroyed_at IS NOT NULL)
);

CREATE INDEX erasures_pending_ix ON erasures (finished_at, requested_at);
