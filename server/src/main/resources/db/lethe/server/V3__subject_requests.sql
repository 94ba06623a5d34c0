-- Requests a person makes about their data (erasure first; export, correction, migration later),
-- so a caller can follow one by id. Ids only: what was requested is in the audit trail.
CREATE TABLE subject_requests (
  id          VARCHAR(36)              PRIMARY KEY,
  subject_id  VARCHAR(36)              NOT NULL,
  kind        VARCHAR(32)              NOT NULL,
  status      VARCHAR(16)              NOT NULL,
  requested_by VARCHAR(128)            NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at TIMESTAMP WITH TIME ZONE,
  CONSTRAINT subject_requests_status_ck CHECK (status IN ('RUNNING', 'DONE', 'FAILED'))
);
CREATE INDEX subject_requests_subject_ix ON subject_requests (subject_id);
