-- Keys the server itself uses (the audit checkpoint key), stored only wrapped by the KEK.
CREATE TABLE server_keys (
  name        VARCHAR(64)              PRIMARY KEY,
  wrapped_key VARCHAR(1024)            NOT NULL,
  kek_id      VARCHAR(128)             NOT NULL,
  kek_version INTEGER                  NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
