-- The instant a record's retention period counts from, and the policy event it is (ADR 0017,
-- 2026-12 addendum): created_at for record-created and verification-done, the closure for
-- subject-closed, the fulfilment for purpose-fulfilled. With them the retention-redate job can
-- recompute expires_at when the policy's period for a class changes, or tell that the event a
-- class now counts from is not the one the date was computed from. Written, and cleared,
-- wherever expires_at is. Portable SQL, like V1.
--
-- Existing rows keep nulls here: which class counts from which event is the policy's (YAML, in
-- lifecycle-scheduler), not something SQL can know. The first retention-redate run (fired at the
-- first start with this version, ADR 0017) fills them in from the policy then loaded.

ALTER TABLE records ADD COLUMN expiry_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE records ADD COLUMN expiry_event VARCHAR(32);

-- The instant and its event travel together, and only with a date they start.
ALTER TABLE records ADD CONSTRAINT records_expiry_from_ck CHECK (
    (expiry_from IS NULL AND expiry_event IS NULL)
    OR (expiry_from IS NOT NULL AND expiry_event IS NOT NULL AND expires_at IS NOT NULL));
