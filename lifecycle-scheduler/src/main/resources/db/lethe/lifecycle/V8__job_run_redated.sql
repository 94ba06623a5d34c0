-- How many records a retention-redate run moved, set or cleared the expiry of (ADR 0017,
-- 2026-12 addendum). Written with each batch like the other counters; 0 for every other job
-- and for runs recorded before this version. Portable SQL, like V2.

ALTER TABLE job_runs ADD COLUMN redated BIGINT DEFAULT 0 NOT NULL;
