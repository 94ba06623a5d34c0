#!/usr/bin/env bash
# End-to-end HTTP load, four runs: {h2, postgres} x {encrypted, plaintext}, then the overhead of
# field encryption per database (docs/benchmarks.md, "End-to-end HTTP load"; ADR 0018).
#
#   benchmarks/bin/http-load.sh [--seconds 120] [--warmup 30] [--clients 8] [--out DIR]
#                               [--dbs "h2 postgres"] [--skip-build]
#
# PostgreSQL must listen on 127.0.0.1:5432 (each run creates and drops a database of its own).
# MVN_FLAGS is passed to Maven (e.g. MVN_FLAGS=-o to build offline).
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=120 warmup=30 clients=8 out=target/http-load dbs="h2 postgres" build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --dbs) dbs=$2; shift 2 ;;
    --skip-build) build=0; shift ;;
    *) echo "http-load.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [ "$build" = 1 ]; then
  # shellcheck disable=SC2086
  ./mvnw -B -q ${MVN_FLAGS:-} -pl server,benchmarks -am package -DskipTests
fi
mkdir -p "$out"
reports=()
for db in $dbs; do
  for codec in encrypted plaintext; do
    echo "== $db, $codec: ${warmup}s warm-up, ${seconds}s measured, $clients clients ($(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg))"
    java -cp benchmarks/target/benchmarks.jar io.lethe.benchmarks.HttpLoad --db "$db" \
      --codec "$codec" --seconds "$seconds" --warmup "$warmup" --clients "$clients" \
      --output "$out/http-load-$db-$codec.json"
    reports+=("$out/http-load-$db-$codec.json")
  done
done
java -cp benchmarks/target/benchmarks.jar io.lethe.benchmarks.HttpLoadComparison "${reports[@]}" \
  | tee "$out/comparison.md"
