-- Anonymized records (ADR 0012): generalized values kept for statistics, apart from subjects.
-- Portable SQL, like V1. Nothing here leads back to a person: no subject id, no record id of
-- the original (the id is fresh and random), no blind index, no ciphertext, and no timestamp
-- finer than the month of anonymization, so a copy cannot be matched to its original's
-- tombstone by time. Values are the generalized ones only (a year, a province, a band).

CREATE TABLE anonymized_records (
    id               UUID        NOT NULL,
    type             VARCHAR(64) NOT NULL,
    -- 'YYYY-MM' of the anonymization, UTC.
    anonymized_month CHAR(7)     NOT NULL,
    policy_version   VARCHAR(64) NOT NULL,
    CONSTRAINT anonymized_records_pk PRIMARY KEY (id),
    CONSTRAINT anonymized_records_month_ck CHECK (anonymized_month LIKE '____-__')
);

CREATE INDEX anonymized_records_type_ix ON anonymized_records (type);

CREATE TABLE anonymized_values (
    anonymized_record_id UUID         NOT NULL,
    field                VARCHAR(64)  NOT NULL,
    generalized_value    VARCHAR(128) NOT NULL,
    CONSTRAINT anonymized_values_pk PRIMARY KEY (anonymized_record_id, field),
    CONSTRAINT anonymized_values_record_fk FOREIGN KEY (anonymized_record_id)
        REFERENCES anonymized_records (id)
);

CREATE INDEX anonymized_values_stats_ix ON anonymized_values (field, generalized_value);
