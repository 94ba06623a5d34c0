-- Subject requests now live in lifecycle-scheduler's data_subject_requests (with their status
-- history), which its migrations create before these run. Copy what this table held, then drop it.
INSERT INTO data_subject_requests (id, subject_id, kind, status, requested_by, created_at,
    finished_at)
SELECT CAST(id AS UUID), CAST(subject_id AS UUID), kind, status, requested_by, created_at,
    finished_at
FROM subject_requests;

INSERT INTO data_subject_request_steps (request_id, seq, status, entered_at)
SELECT CAST(id AS UUID), 1, status, COALESCE(finished_at, created_at)
FROM subject_requests;

DROP TABLE subject_requests;
