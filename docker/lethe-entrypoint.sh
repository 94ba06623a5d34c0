#!/bin/sh
# Entry point of the Lethe server image.
#
# The server reads its settings from environment variables only. docker/vault/init.sh writes the
# AppRole role id and secret id as files into a shared volume (mounted read-only here at
# $VAULT_APPROLE_DIR); this script exports them as LETHE_VAULT_ROLE_ID / LETHE_VAULT_SECRET_ID
# unless they are already set, then replaces itself with the JVM.
set -eu

approle_dir="${VAULT_APPROLE_DIR:-/run/lethe/vault}"

if [ -z "${LETHE_VAULT_ROLE_ID:-}" ] && [ -r "$approle_dir/role-id" ]; then
  LETHE_VAULT_ROLE_ID="$(cat "$approle_dir/role-id")"
  export LETHE_VAULT_ROLE_ID
fi
if [ -z "${LETHE_VAULT_SECRET_ID:-}" ] && [ -r "$approle_dir/secret-id" ]; then
  LETHE_VAULT_SECRET_ID="$(cat "$approle_dir/secret-id")"
  export LETHE_VAULT_SECRET_ID
fi

if [ "${LETHE_KEYS_PROVIDER:-local}" = "vault" ] && [ -z "${LETHE_VAULT_TOKEN:-}" ] \
    && { [ -z "${LETHE_VAULT_ROLE_ID:-}" ] || [ -z "${LETHE_VAULT_SECRET_ID:-}" ]; }; then
  echo "lethe-entrypoint: LETHE_KEYS_PROVIDER=vault but no AppRole credentials:" \
    "neither LETHE_VAULT_ROLE_ID/LETHE_VAULT_SECRET_ID nor readable files $approle_dir/role-id" \
    "and $approle_dir/secret-id (written by the vault-init service)" >&2
  exit 1
fi

# An empty Jasypt password is the same as none: leave it unset.
if [ -z "${JASYPT_ENCRYPTOR_PASSWORD:-}" ]; then
  unset JASYPT_ENCRYPTOR_PASSWORD
fi

# JAVA_OPTS is split into words on purpose.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar /opt/lethe/lethe-server.jar "$@"
