-- Which retention-policy version computed a record's expires_at (ADR 0007), so the date can be
-- explained after the policy changed. Set together with expires_at, at creation or by a
-- retention trigger, and cleared with it. Rows dated before this version keep a null: which
-- policy dated them was not recorded, and guessing would put a wrong answer on record.
-- Portable SQL, like V1.

ALTER TABLE records ADD COLUMN policy_version VARCHAR(64);

-- A version without a date would claim a policy decided something it did not.
ALTER TABLE records ADD CONSTRAINT records_policy_version_ck
    CHECK (policy_version IS NULL OR expires_at IS NOT NULL);
