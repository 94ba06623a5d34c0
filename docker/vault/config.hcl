# Vault server configuration for docker/compose.yaml (server mode, not dev mode).
#
# Storage: the file backend on the vault-data volume. It is encrypted by Vault's barrier key and
# is fine for one host; for HA use integrated storage (raft) on three or more nodes.
storage "file" {
  path = "/vault/file"
}

# Plain HTTP on the compose "backend" network only: the port is not published to the host and
# that network is internal. Anything beyond one host needs TLS here (tls_cert_file,
# tls_key_file) and https:// in LETHE_VAULT_ADDRESS.
listener "tcp" {
  address     = "0.0.0.0:8200"
  tls_disable = true
}

api_addr = "http://vault:8200"

# mlock stays on (the container gets IPC_LOCK) so that keys are never swapped to disk.
disable_mlock = false

ui = false
