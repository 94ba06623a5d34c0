-- One row per lifecycle job run. Portable SQL, like V1. Counters and resume_after are written in
-- the same transaction as each batch's changes, so after a crash they say exactly what was done.
-- Allowed status changes are listed in io.lethe.lifecycle.jobs.JobRunStatus, not here.

CREATE TABLE job_runs (
    id               UUID                     NOT NULL,
    job_name         VARCHAR(64)              NOT NULL,
    status           VARCHAR(16)              NOT NULL,
    dry_run          BOOLEAN                  NOT NULL,
    scanned          BIGINT                   NOT NULL,
    deleted          BIGINT                   NOT NULL,
    anonymized       BIGINT                   NOT NULL,
    skipped_for_hold BIGINT                   NOT NULL,
    deferred         BIGINT                   NOT NULL,
    failed           BIGINT                   NOT NULL,
    batches          INTEGER                  NOT NULL,
    -- The job's own opaque position after its last committed batch (ids and instants only).
    resume_after     VARCHAR(200),
    policy_version   VARCHAR(64),
    last_error_code  VARCHAR(128),
    queued_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    heartbeat_at     TIMESTAMP WITH TIME ZONE,
    finished_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT job_runs_pk PRIMARY KEY (id),
    CONSTRAINT job_runs_status_ck CHECK (
        status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'))
);

CREATE INDEX job_runs_job_ix ON job_runs (job_name, queued_at);
CREATE INDEX job_runs_status_ix ON job_runs (status);
