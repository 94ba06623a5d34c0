-- closed_at now means one thing: the account was closed (or erased), which starts the retention
-- clock of records counted from subject-closed (ADR 0017). Earlier versions also stamped it when
-- a subject was suspended; a suspension is no closure, so those stamps go.
UPDATE subjects SET closed_at = NULL WHERE status = 'SUSPENDED';
