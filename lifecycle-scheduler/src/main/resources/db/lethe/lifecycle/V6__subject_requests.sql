-- Subject requests (erasure, export, migration) and every status each one entered, so a caller
-- can follow a request by id and see its history. Ids and names only: what was asked is in the
-- audit trail. Allowed status changes are listed in io.lethe.lifecycle.requests.RequestStatus.
-- Rows of the server's earlier subject_requests table are copied here by the server's V4.

CREATE TABLE data_subject_requests (
    id            UUID                     NOT NULL,
    subject_id    UUID                     NOT NULL,
    kind          VARCHAR(32)              NOT NULL,
    status        VARCHAR(16)              NOT NULL,
    requested_by  VARCHAR(128)             NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    error_code    VARCHAR(128),
    CONSTRAINT data_subject_requests_pk PRIMARY KEY (id),
    CONSTRAINT data_subject_requests_status_ck CHECK (
        status IN ('RECEIVED', 'RUNNING', 'DONE', 'FAILED', 'REFUSED'))
);

CREATE INDEX data_subject_requests_subject_ix ON data_subject_requests (subject_id);

CREATE TABLE data_subject_request_steps (
    request_id  UUID                     NOT NULL,
    seq         INTEGER                  NOT NULL,
    status      VARCHAR(16)              NOT NULL,
    entered_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT data_subject_request_steps_pk PRIMARY KEY (request_id, seq),
    CONSTRAINT data_subject_request_steps_request_fk FOREIGN KEY (request_id)
        REFERENCES data_subject_requests (id)
);
