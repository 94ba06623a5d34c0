# Policy "lethe": what the Lethe server's AppRole token may do, and nothing more.
# Written by docker/vault/init.sh. The key name must match LETHE_VAULT_KEY_NAME (lethe-kek) and
# the mount LETHE_VAULT_TRANSIT_MOUNT (transit) in docker/compose.yaml.
#
# Not granted on purpose:
# - creating the key (transit/keys/lethe-kek "create"/"update"): init.sh creates it, so the
#   server's start-up check only reads it;
# - rotation and retiring old versions (transit/keys/lethe-kek/rotate, .../config): operators
#   do that with their own token. Grant "update" on those two paths if Lethe itself should
#   rotate the KEK.

# Wrap and unwrap data keys under the KEK.
path "transit/encrypt/lethe-kek" {
  capabilities = ["update"]
}
path "transit/decrypt/lethe-kek" {
  capabilities = ["update"]
}
path "transit/rewrap/lethe-kek" {
  capabilities = ["update"]
}
# New subject keys: a data key returned in plaintext and wrapped.
path "transit/datakey/plaintext/lethe-kek" {
  capabilities = ["update"]
}
path "transit/datakey/wrapped/lethe-kek" {
  capabilities = ["update"]
}
# The start-up check and the key version figures.
path "transit/keys/lethe-kek" {
  capabilities = ["read"]
}

# Keep its own token alive.
path "auth/token/renew-self" {
  capabilities = ["update"]
}
path "auth/token/lookup-self" {
  capabilities = ["read"]
}
