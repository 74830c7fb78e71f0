#!/usr/bin/env bash
# `make bench-reading-room`: the reading room under load while a `digitize run` goes on (issue #15).
# The same run (COPIES copies of SampleScans added to an archive that already holds SampleScans) is
# timed twice, back to back: alone, then with READERS readers searching /api/search of `digitize serve`
# on that very archive without pause. Prints the readers' p50/p95 latency and the run's slowdown
# (wall clock and CPU seconds). Env: COPIES (2), READERS (50), JOBS (nproc), BENCH_DIR (.build-bench),
# DIGITIZE (the release build, else the debug one). Not a test: figures depend on the machine's load.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
copies=${COPIES:-2}
readers=${READERS:-50}
jobs=${JOBS:-$(nproc)}
work=${BENCH_DIR:-$root/.build-bench}
digitize=${DIGITIZE:-$root/.build/release/digitize}
[ -x "$digitize" ] || digitize=$root/.build/debug/digitize
python=${PYTHON:-python3}
mkdir -p "$work"
corpus=$(scripts/bench-corpus.sh "$copies" "$work")
base=$work/room-base
if [ ! -f "$base/catalogue.sqlite" ]; then
  rm -rf "$base"
  "$digitize" run SampleScans --archive "$base" --jobs "$jobs" --quiet > "$work/room-base.log" 2>&1
fi
printf '{"serve": {"anonymous_reading": true, "threads": 8}}\n' > "$work/room-config.json"

timed_run() {  # archive, label -> prints "wall user+sys"
  /usr/bin/time -f "%e %U %S" -o "$work/room-time.txt" "$digitize" run "$corpus" --archive "$1" --jobs "$jobs" --quiet > "$work/room-$2.log" 2>&1
  awk '{ printf "%.1f %.1f\n", $1, $2 + $3 }' "$work/room-time.txt"
}

rm -rf "$work/room-alone" && cp -a "$base" "$work/room-alone"
read -r alone_wall alone_cpu < <(timed_run "$work/room-alone" alone)

rm -rf "$work/room-loaded" && cp -a "$base" "$work/room-loaded"
port=$(( 30000 + RANDOM % 20000 ))
"$digitize" serve --archive "$work/room-loaded" --listen "127.0.0.1:$port" --config "$work/room-config.json" > "$work/room-serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -s "http://127.0.0.1:$port/login" > /dev/null && break; sleep 0.2; done
rm -f "$work/room-stop"
"$python" scripts/room-load.py "http://127.0.0.1:$port" "$readers" "$work/room-stop" > "$work/room-load.json" &
load=$!
read -r loaded_wall loaded_cpu < <(timed_run "$work/room-loaded" loaded)
touch "$work/room-stop"
wait $load
kill -TERM $server && wait $server || true
trap - EXIT

pages=$(( copies * 11 ))
echo "run of $pages pages into an archive being read ($digitize, $jobs OCR threads):"
echo "  alone:                 ${alone_wall} s wall, ${alone_cpu} s CPU"
echo "  with $readers readers:      ${loaded_wall} s wall, ${loaded_cpu} s CPU (slowdown $(echo "scale=2; $loaded_wall / $alone_wall" | bc)x wall)"
echo "  readers: $(cat "$work/room-load.json")"
