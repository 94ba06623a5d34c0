#!/bin/sh
# One-shot bootstrap of Vault for Lethe, run by the vault-init service of docker/compose.yaml on
# every `docker compose up`. Safe to run again: each step checks before it changes anything.
#
#   1. initialise Vault once (5 unseal key shares, threshold 3) and keep the output;
#   2. unseal it;
#   3. enable the Transit engine and create the KEK lethe-kek (aes256-gcm96);
#   4. write the least-privilege policy "lethe" (docker/vault/lethe-policy.hcl);
#   5. enable AppRole, create the role "lethe" with that policy;
#   6. write the role id and a secret id for the server into the shared volume;
#   7. log in once with them and prove the policy allows reading the KEK.
#
# #############################################################################################
# ##  WARNING: SINGLE-HOST BOOTSTRAP ONLY.                                                   ##
# ##  All unseal keys AND the initial root token are written to the volume mounted at        ##
# ##  $KEYS_DIR, on the same host as Vault's encrypted storage. Whoever can read that volume  ##
# ##  (or the host's Docker data directory) can unseal Vault and use every key in it, which   ##
# ##  defeats the purpose of splitting the unseal key.                                        ##
# ##  A real deployment must instead: hand the unseal key shares to separate key holders (or   ##
# ##  use auto-unseal with a cloud KMS or an HSM), revoke the root token after setup, and      ##
# ##  deliver the AppRole secret id through a trusted orchestrator (response wrapping).        ##
# #############################################################################################
set -eu

KEYS_DIR="${KEYS_DIR:-/vault-init/keys}"
APPROLE_DIR="${APPROLE_DIR:-/vault-init/approle}"
POLICY_FILE="${POLICY_FILE:-/vault-init/lethe-policy.hcl}"
TRANSIT_MOUNT="${TRANSIT_MOUNT:-transit}"
TRANSIT_KEY="${TRANSIT_KEY:-lethe-kek}"
APP_UID="${APP_UID:-10001}"
: "${VAULT_ADDR:?VAULT_ADDR must name the Vault server, e.g. http://vault:8200}"
export VAULT_ADDR

log() { echo "[vault-init] $*"; }
warn() { echo "[vault-init] WARNING: $*" >&2; }
umask 077

# --- wait until Vault answers: `vault status` exits 0 when unsealed, 2 when sealed, 1 on error.
tries=0
while :; do
  rc=0
  vault status >/dev/null 2>&1 || rc=$?
  if [ "$rc" -eq 0 ] || [ "$rc" -eq 2 ]; then
    break
  fi
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then
    log "Vault at $VAULT_ADDR did not answer within 120 s"
    exit 1
  fi
  sleep 2
done

status_json() { vault status -format=json 2>/dev/null || true; }
is_true() { status_json | grep -Eq "\"$1\": *true"; }

# --- 1. initialise once
mkdir -p "$KEYS_DIR"
chmod 0700 "$KEYS_DIR"
if ! is_true initialized; then
  log "initialising Vault (5 key shares, threshold 3)"
  vault operator init -key-shares=5 -key-threshold=3 > "$KEYS_DIR/init.txt.tmp"
  mv "$KEYS_DIR/init.txt.tmp" "$KEYS_DIR/init.txt"
  sed -n 's/^Unseal Key [0-9]*: //p' "$KEYS_DIR/init.txt" > "$KEYS_DIR/unseal-keys"
  sed -n 's/^Initial Root Token: //p' "$KEYS_DIR/init.txt" > "$KEYS_DIR/root-token"
  warn "=========================================================================="
  warn "Vault's unseal keys and root token are stored in the volume at $KEYS_DIR."
  warn "This is a SINGLE-HOST setup. Real deployments must distribute the unseal"
  warn "keys to separate holders (or use auto-unseal) and revoke the root token."
  warn "=========================================================================="
elif [ ! -s "$KEYS_DIR/unseal-keys" ] || [ ! -s "$KEYS_DIR/root-token" ]; then
  log "Vault is already initialised but $KEYS_DIR holds no unseal keys or root token:"
  log "it was initialised elsewhere. Unseal it and create the AppRole by hand, or start over"
  log "with empty vault-data and vault-init-keys volumes."
  exit 1
fi

# --- 2. unseal
if is_true sealed; then
  log "unsealing"
  while read -r key; do
    [ -n "$key" ] || continue
    vault operator unseal "$key" >/dev/null
    is_true sealed || break
  done < "$KEYS_DIR/unseal-keys"
fi
if is_true sealed; then
  log "Vault is still sealed after using every stored unseal key"
  exit 1
fi
log "Vault is unsealed"

VAULT_TOKEN="$(cat "$KEYS_DIR/root-token")"
export VAULT_TOKEN

# Vault may need a moment after unsealing before it serves requests (active node election).
tries=0
until vault token lookup >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 30 ]; then
    log "Vault does not accept the stored root token"
    exit 1
  fi
  sleep 1
done

# --- 3. Transit and the KEK
if ! vault secrets list -format=json | grep -q "\"$TRANSIT_MOUNT/\""; then
  log "enabling the Transit engine at $TRANSIT_MOUNT/"
  vault secrets enable -path="$TRANSIT_MOUNT" transit >/dev/null
fi
if ! vault read "$TRANSIT_MOUNT/keys/$TRANSIT_KEY" >/dev/null 2>&1; then
  log "creating the KEK $TRANSIT_MOUNT/keys/$TRANSIT_KEY (aes256-gcm96)"
  vault write "$TRANSIT_MOUNT/keys/$TRANSIT_KEY" type=aes256-gcm96 >/dev/null
fi

# --- 4. the least-privilege policy
vault policy write lethe "$POLICY_FILE" >/dev/null
log "policy lethe written"

# --- 5. AppRole and the role "lethe"
if ! vault auth list -format=json | grep -q '"approle/"'; then
  log "enabling AppRole"
  vault auth enable approle >/dev/null
fi
# Tokens live an hour and are renewed by the server up to a day, then it logs in again; the
# secret id does not expire because the server logs in with it again after every restart.
vault write auth/approle/role/lethe \
  token_policies=lethe \
  token_ttl=1h \
  token_max_ttl=24h \
  token_type=service \
  secret_id_ttl=0 \
  secret_id_num_uses=0 >/dev/null
log "AppRole role lethe written"

# --- 6. credentials for the server, readable by its uid only
mkdir -p "$APPROLE_DIR"
chmod 0755 "$APPROLE_DIR"
vault read -field=role_id auth/approle/role/lethe/role-id > "$APPROLE_DIR/role-id.tmp"
mv "$APPROLE_DIR/role-id.tmp" "$APPROLE_DIR/role-id"

secret_valid() {
  [ -s "$APPROLE_DIR/secret-id" ] || return 1
  vault write -format=json auth/approle/role/lethe/secret-id/lookup \
    secret_id="$(cat "$APPROLE_DIR/secret-id")" 2>/dev/null | grep -q '"secret_id_accessor"'
}
if secret_valid; then
  log "keeping the existing secret id"
else
  log "issuing a new secret id"
  vault write -f -field=secret_id auth/approle/role/lethe/secret-id > "$APPROLE_DIR/secret-id.tmp"
  mv "$APPROLE_DIR/secret-id.tmp" "$APPROLE_DIR/secret-id"
fi
chown "$APP_UID:$APP_UID" "$APPROLE_DIR/role-id" "$APPROLE_DIR/secret-id"
chmod 0400 "$APPROLE_DIR/role-id" "$APPROLE_DIR/secret-id"

# --- 7. prove the credentials work with the policy the server will have
login_token="$(vault write -field=token auth/approle/login \
  role_id="$(cat "$APPROLE_DIR/role-id")" secret_id="$(cat "$APPROLE_DIR/secret-id")")"
if ! VAULT_TOKEN="$login_token" vault read "$TRANSIT_MOUNT/keys/$TRANSIT_KEY" >/dev/null; then
  log "an AppRole login cannot read $TRANSIT_MOUNT/keys/$TRANSIT_KEY: check $POLICY_FILE"
  exit 1
fi
vault token revoke "$login_token" >/dev/null
log "AppRole login checked; Vault is ready for Lethe"
