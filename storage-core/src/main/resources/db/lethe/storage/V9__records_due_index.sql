-- The retention jobs claim due records in batches, in (expires_at, id) order, after a cursor:
--   WHERE state = 'ACTIVE' AND expires_at <= ? AND (expires_at, id) > (?, ?)
--   ORDER BY expires_at, id FETCH FIRST n ROWS ONLY
-- With an index on expires_at alone, records sharing one expiry instant (a whole import, a
-- policy change) sit in that index in no useful order: every batch read all of them, and the
-- tombstones the sweep had already left behind, and sorted them by id to keep the first n. A
-- sweep of due records cost batches times due rows, quadratic in the table. Led by state, the
-- index leaves tombstones out of the claim's range; ordered by expiry then id, it answers the
-- claim from the cursor onwards, n rows read for n claimed, wherever the sweep stands.
-- records_expires_ix served that claim alone and is replaced.
-- Portable SQL, like V1.

CREATE INDEX records_due_ix ON records (state, expires_at, id);
DROP INDEX records_expires_ix;
