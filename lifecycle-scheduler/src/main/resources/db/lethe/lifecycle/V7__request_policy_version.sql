-- The retention-policy version in force when each subject request was received (ADR 0007), so
-- what a request did can be judged against the policy of its day. Null for requests received
-- before this version: which policy was in force then was not recorded. Portable SQL, like V1.

ALTER TABLE data_subject_requests ADD COLUMN policy_version VARCHAR(64);
