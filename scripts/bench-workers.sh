#!/usr/bin/env bash
# `make bench-workers`: one batch shared by 1, 2 and 3 `digitize` processes through a PostgreSQL store
# (issue #8), beside the embedded SQLite run of the same batch. On one machine the processes share its
# cores, so this measures the overhead of claiming, leasing and the shared store, not scaling: the
# OCR threads add up to the cores in every configuration (1 process × JOBS threads, then JOBS/N each,
# at least one).
# Env: COPIES (10 copies of SampleScans = 110 pages), JOBS (nproc), BENCH_DIR (.build-bench).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
copies=${COPIES:-10}
jobs=${JOBS:-$(nproc)}
work=${BENCH_DIR:-$root/.build-bench}
digitize=$root/.build/release/digitize
[ -x "$digitize" ] || { echo "build first: swift build -c release" >&2; exit 1; }
mkdir -p "$work"
corpus=$(scripts/bench-corpus.sh "$copies" "$work")
pages=$(( copies * 11 ))

# The test server of `make test` if it is running, else one of our own for the benchmark.
if [ ! -f .build/postgres-url ]; then
  trap 'scripts/test-postgres.sh stop >/dev/null' EXIT
  scripts/test-postgres.sh start >/dev/null
fi
server=$(cat .build/postgres-url)
sql() { psql "$server" -qtAc "$1"; }

elapsed_since() { echo "$(date +%s.%N) - $1" | bc; }

echo "corpus: $pages pages ($copies × SampleScans); $jobs OCR threads in all in every configuration"
archive=$work/workers-sqlite
rm -rf "$archive"
start=$(date +%s.%N)
"$digitize" run "$corpus" --archive "$archive" --jobs "$jobs" --quiet > "$archive.log" 2>&1
base=$(elapsed_since "$start")
printf "embedded SQLite, 1 process:     %6.1f s  %6.1f pages/min\n" "$base" "$(echo "$pages * 60 / $base" | bc -l)"

for processes in 1 2 3; do
  schema=bench_workers_$processes
  sql "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema" 2>/dev/null
  store="$server&options=-csearch_path%3D$schema"
  archive=$work/workers-$processes
  rm -rf "$archive"
  per=$(( jobs / processes )); [ "$per" -ge 1 ] || per=1
  start=$(date +%s.%N)
  "$digitize" run "$corpus" --archive "$archive" --store "$store" --jobs "$per" --quiet > "$archive.run.log" 2>&1 &
  pids=($!)
  # The workers join once the run has read the scans into the store.
  until [ "$(sql "SELECT count(*) FROM $schema.pages" 2>/dev/null || echo 0)" = "$pages" ]; do sleep 0.1; done
  for i in $(seq 2 "$processes"); do
    "$digitize" worker --archive "$archive" --store "$store" --jobs "$per" --quiet > "$archive.worker-$i.log" 2>&1 &
    pids+=($!)
  done
  status=0
  for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
  seconds=$(elapsed_since "$start")
  done_pages=$(sql "SELECT count(*) FROM $schema.pages WHERE state = 'done'")
  shares=$(sql "SELECT string_agg(n::text, '+' ORDER BY n DESC) FROM (SELECT count(*) n FROM $schema.pages GROUP BY worker) s")
  printf "PostgreSQL, %d process(es) × %d: %6.1f s  %6.1f pages/min  (%.2f× SQLite's time; %s pages done, shares %s; exit %d)\n" \
    "$processes" "$per" "$seconds" "$(echo "$pages * 60 / $seconds" | bc -l)" "$(echo "$seconds / $base" | bc -l)" \
    "$done_pages" "$shares" "$status"
  sql "DROP SCHEMA $schema CASCADE" 2>/dev/null
done
