#!/usr/bin/env bash
# `make bench-scale` (issue #19): N simulated workers on this machine against one throw-away loopback
# PostgreSQL, each a `digitize-scale-sim worker` process running the real shared-store protocol
# (claims, leases, heartbeats, page records, the ledger, PDF building) with OCR replaced by a sleep of
# 1/RATE seconds per page, so every worker offers the store the same pages per second and the store,
# not the OCR, is what is measured. Per N: pages recorded per second, claim / ledger append / page
# record latency p50 and p99, lock waits, deadlocks, pages and documents recorded twice (must be 0)
# and the database server's CPU.
#
# Env: SCALE_WORKERS ("10 50 100 200"), SCALE_RATE (pages per worker-second, 2.25: one two-core
# OCR server's 135 pages a minute), SCALE_SECONDS (backlog size in seconds of the offered load, 30),
# SCALE_CAP (seconds after which the workers are stopped, 150), SCALE_DIR (.build-scale),
# SCALE_BIN (the folder of the digitize and digitize-scale-sim to measure, .build/release).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
workers_list=${SCALE_WORKERS:-"10 50 100 200"}
rate=${SCALE_RATE:-2.25}
span=${SCALE_SECONDS:-30}
cap=${SCALE_CAP:-150}
work=${SCALE_DIR:-$root/.build-scale}
pages_per_file=25
bin=${SCALE_BIN:-$root/.build/release}
sim=$bin/digitize-scale-sim
digitize=$bin/digitize
[ -x "$sim" ] && [ -x "$digitize" ] || { echo "build first: swift build -c release" >&2; exit 1; }
mkdir -p "$work"

# One tiny 25-page G4 TIFF with some ink on each page (so no page counts as blank); every file's scan.
tiff=$work/scan.tif
[ -f "$tiff" ] || /usr/bin/python3 - "$tiff" "$pages_per_file" <<'EOF'
import sys
from PIL import Image, ImageDraw
frames = []
for n in range(int(sys.argv[2])):
    image = Image.new("1", (200, 280), 1)
    draw = ImageDraw.Draw(image)
    for line in range(12):
        draw.rectangle((20, 20 + line * 20, 60 + (line * 37 + n * 13) % 120, 28 + line * 20), fill=0)
    frames.append(image)
frames[0].save(sys.argv[1], save_all=True, append_images=frames[1:], compression="group4", dpi=(300, 300))
EOF

# The benchmark's own server, beside any the tests run: enough connections for three per worker
# (page claimer, heartbeat, catalogue writer), fsync on as on a real server, lock waits logged.
largest=$(tr ' ' '\n' <<< "$workers_list" | sort -n | tail -n 1)
export TEST_POSTGRES_STATE=.build/scale-postgres-cluster TEST_POSTGRES_URL_FILE=.build/scale-postgres-url
export TEST_POSTGRES_PORT=55329 TEST_POSTGRES_FSYNC=on TEST_POSTGRES_MAX_CONNECTIONS=$(( largest * 3 + 30 ))
export TEST_POSTGRES_OPTIONS="-c shared_buffers=512MB -c log_lock_waits=on -c deadlock_timeout=200ms -c max_wal_size=4GB"
trap 'scripts/test-postgres.sh stop >/dev/null' EXIT
scripts/test-postgres.sh start >/dev/null
server=$(cat "$TEST_POSTGRES_URL_FILE")
cluster=$(cat "$TEST_POSTGRES_STATE")
sql() { PGOPTIONS="-c client_min_messages=warning" psql "$server" -qtAc "$1"; }

# CPU seconds (user+sys) of the server: the postmaster, its live children, and its reaped ones.
server_cpu() {
  local master ticks
  master=$(head -n 1 "$cluster/data/postmaster.pid")
  ticks=$(awk '{print $14+$15+$16+$17}' "/proc/$master/stat")
  for child in $(pgrep -P "$master"); do
    ticks=$(( ticks + $(awk '{print $14+$15}' "/proc/$child/stat" 2>/dev/null || echo 0) ))
  done
  echo "scale=2; $ticks / $(getconf CLK_TCK)" | bc
}

report=$work/report.md
{
  echo "Scale simulation $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, shared with other developers' builds (load before: $(cut -d' ' -f1-3 /proc/loadavg))."
  echo "Binaries: $bin ($(git log -1 --format='%h %s' 2>/dev/null))."
  echo "Offered: $rate pages per worker-second (one OCR thread per worker sleeping $(echo "scale=3; 1/$rate" | bc) s a page); $pages_per_file pages per file."
  echo
  echo "| workers | pages | pages/s recorded (offered) | claim p50/p99 ms | ledger append p50/p99 ms | page record p50/p99 ms | lock waits >200ms (advisory) | backends waiting on a lock (sampled, mean) | deadlocks | pages recorded twice | OCR'd twice, discarded | documents recorded twice | DB CPU s (% of 2 cores) | wall s |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "$report"

for workers in $workers_list; do
  schema=scale_$workers
  run=$work/run-$workers
  rm -rf "$run"; mkdir -p "$run/scans" "$run/archive" "$run/samples"
  files=$(echo "($workers * $rate * $span + $pages_per_file - 1) / $pages_per_file" | bc)
  for i in $(seq -f "%05g" 1 "$files"); do
    mkdir "$run/scans/SIM.01.$workers.$i"; ln "$tiff" "$run/scans/SIM.01.$workers.$i/0001.tif"
  done
  sql "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema"
  store="$server&options=-csearch_path%3D$schema"
  "$sim" seed --store "$store" --scans "$run/scans" --archive "$run/archive" > "$run/seed.log"
  pages=$(sql "SELECT count(*) FROM $schema.pages")
  deadlocks_before=$(sql "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")
  log_before=$(wc -l < "$cluster/log")
  cpu_before=$(server_cpu)
  started=$(date +%s.%N)
  pids=()
  stopping=""
  for i in $(seq 1 "$workers"); do
    "$sim" worker --store "$store" --archive "$run/archive" --rate "$rate" --samples "$run/samples/$i.json" \
      > "$run/worker-$i.log" 2>&1 &
    pids+=($!)
  done
  # Sample who waits on a lock once a second, until the workers are done or the cap is reached.
  : > "$run/waits"
  while [ "$(jobs -rp | wc -l)" -gt 0 ]; do
    sql "SELECT count(*) FILTER (WHERE wait_event_type = 'Lock'), count(*) FILTER (WHERE wait_event = 'advisory')
         FROM pg_stat_activity WHERE datname = current_database()" | tr '|' ' ' >> "$run/waits" || true
    elapsed=$(echo "$(date +%s.%N) - $started" | bc)
    if [ "$(echo "$elapsed > $cap + 30" | bc)" = 1 ]; then
      echo "still running 30 s after the cap: killing the workers" >&2
      kill -KILL "${pids[@]}" 2>/dev/null || true
    elif [ "$(echo "$elapsed > $cap" | bc)" = 1 ] && [ -z "${stopping:-}" ]; then
      echo "cap of $cap s reached: stopping the workers" >&2
      kill -TERM "${pids[@]}" 2>/dev/null || true
      stopping=1
    fi
    sleep 1
  done
  wait || true
  tail -n +"$((log_before + 1))" "$cluster/log" > "$run/server.log"
  wall=$(echo "$(date +%s.%N) - $started" | bc)
  cpu=$(echo "$(server_cpu) - $cpu_before" | bc)
  deadlocks=$(( $(sql "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()") - deadlocks_before ))
  lock_waits=$(tail -n +"$((log_before + 1))" "$cluster/log" | grep -c "still waiting for" || true)
  advisory_waits=$(tail -n +"$((log_before + 1))" "$cluster/log" | grep "still waiting for" | grep -c "advisory" || true)
  done_pages=$(sql "SELECT count(*) FROM $schema.pages WHERE state = 'done'")
  per_second=$(sql "SELECT round(count(*) / greatest(extract(epoch FROM max(done_at::timestamptz) - min(done_at::timestamptz)), 0.001), 1)
                    FROM $schema.pages WHERE state = 'done'")
  twice=$(sql "SELECT count(*) FROM (SELECT subject FROM $schema.events WHERE kind = 'page-done' GROUP BY subject HAVING count(*) > 1) s")
  docs_twice=$(sql "SELECT count(*) FROM (SELECT subject FROM $schema.events WHERE kind = 'document-written' GROUP BY subject HAVING count(*) > 1) s")
  /usr/bin/python3 - "$run" "$workers" "$pages" "$done_pages" "$per_second" "$rate" "$lock_waits" "$advisory_waits" \
    "$deadlocks" "$twice" "$docs_twice" "$cpu" "$wall" >> "$report" <<'EOF'
import glob, json, sys
run, workers, pages, done, per_second, rate, lock_waits, advisory, deadlocks, twice, docs_twice, cpu, wall = sys.argv[1:]
samples = {"claim": [], "ledgerAppend": [], "pageRecord": []}
taken_over = 0
fatal = 0
for path in glob.glob(run + "/samples/*.json"):
    with open(path) as f:
        data = json.load(f)
    for key in samples:
        samples[key] += data.get(key, [])
    taken_over += data.get("taken_over", 0)
    fatal += 1 if data.get("fatal") else 0
def pct(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000
waits = [line.split() for line in open(run + "/waits") if line.strip()]
mean_waiting = sum(int(w[0]) for w in waits) / max(1, len(waits))
cols = [workers, f"{done}/{pages}", f"{float(per_second):.1f} ({float(workers) * float(rate):.0f})"]
for key in ("claim", "ledgerAppend", "pageRecord"):
    cols.append(f"{pct(samples[key], 0.5):.1f} / {pct(samples[key], 0.99):.1f}")
cols += [f"{lock_waits} ({advisory})", f"{mean_waiting:.1f}", deadlocks, twice, str(taken_over), docs_twice,
         f"{float(cpu):.0f} ({float(cpu) / float(wall) / 2 * 100:.0f}%)", f"{float(wall):.0f}" + (f", {fatal} worker(s) stopped on an error" if fatal else "")]
print("| " + " | ".join(cols) + " |")
EOF
  tail -n 1 "$report"
  sql "DROP SCHEMA $schema CASCADE"
done
echo
cat "$report"
