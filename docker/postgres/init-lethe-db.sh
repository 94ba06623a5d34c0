#!/bin/sh
# Runs once, when the postgres service initialises an empty data volume
# (/docker-entrypoint-initdb.d). Creates the role Lethe logs in as and its database; Lethe
# creates its own tables (migrations) at start. The role is not a superuser: it owns only the
# database "lethe". POSTGRES_PASSWORD stays the superuser's, for administrators.
#
# Changing DB_PASSWORD in docker/.env later does not change the role's password: run
#   docker compose -f docker/compose.yaml exec postgres psql -U postgres -c "ALTER ROLE lethe PASSWORD '...'"
set -eu
: "${APP_DB_PASSWORD:?APP_DB_PASSWORD must be set for the postgres service}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v app_password="$APP_DB_PASSWORD" <<'SQL'
CREATE ROLE lethe LOGIN PASSWORD :'app_password';
CREATE DATABASE lethe OWNER lethe;
REVOKE ALL ON DATABASE lethe FROM PUBLIC;
SQL
