#!/bin/sh
# One-shot setup of MinIO for Lethe, run by the minio-init service of docker/compose.yaml on
# every `docker compose up`; safe to run again.
#
# Lethe does not get MinIO's root credentials: this script creates the bucket, a policy limited
# to that bucket and the operations Lethe performs (bucket exists, list, put with multipart,
# get, delete), and the user Lethe logs in as (S3_ACCESS_KEY / S3_SECRET_KEY).
set -eu

: "${MINIO_ROOT_USER:?}" "${MINIO_ROOT_PASSWORD:?}" "${S3_ACCESS_KEY:?}" "${S3_SECRET_KEY:?}"
S3_BUCKET="${S3_BUCKET:-lethe-objects}"
MINIO_URL="${MINIO_URL:-http://minio:9000}"
POLICY=lethe-objects

log() { echo "[minio-init] $*"; }
umask 077

mc alias set lethe-minio "$MINIO_URL" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null
mc mb --ignore-existing "lethe-minio/$S3_BUCKET"

cat > /tmp/lethe-objects-policy.json <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
      "Resource": ["arn:aws:s3:::$S3_BUCKET"]
    },
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject",
                 "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
      "Resource": ["arn:aws:s3:::$S3_BUCKET/*"]
    }
  ]
}
JSON
mc admin policy create lethe-minio "$POLICY" /tmp/lethe-objects-policy.json >/dev/null
log "policy $POLICY written for bucket $S3_BUCKET"

# Creates the user, or sets its secret again if it exists.
mc admin user add lethe-minio "$S3_ACCESS_KEY" "$S3_SECRET_KEY" >/dev/null
if ! mc admin policy attach lethe-minio "$POLICY" --user "$S3_ACCESS_KEY" >/tmp/attach.out 2>&1; then
  if ! grep -qi "already" /tmp/attach.out; then
    cat /tmp/attach.out >&2
    exit 1
  fi
fi
log "user $S3_ACCESS_KEY has policy $POLICY; MinIO is ready for Lethe"
