-- Services, admins and responders. API keys are stored as SHA-256 digests of their secret part:
-- the secret is 32 random bytes, so a slow password hash would add cost and no safety.
CREATE TABLE principals (
  id          VARCHAR(36)              PRIMARY KEY,
  name        VARCHAR(128)             NOT NULL UNIQUE,
  key_id      VARCHAR(16)              NOT NULL UNIQUE,
  key_digest  VARCHAR(64)              NOT NULL,
  roles       VARCHAR(512)             NOT NULL,
  permissions VARCHAR(4000)            NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  revoked_at  TIMESTAMP WITH TIME ZONE
);
