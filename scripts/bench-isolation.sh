#!/usr/bin/env bash
# What page worker processes cost (issue #16): the same corpus digitized with pages read in worker
# processes (the default) and on the run's own threads (`"isolate_pages": false`), back to back,
# ROUNDS times alternating, under GNU time. CPU seconds (user+sys, workers included: the run reaps
# them) are the figure to trust on a shared machine; wall time is printed too.
# Env: COPIES (2 → 22 pages), JOBS (2), ROUNDS (2), BENCH_DIR (.build-bench), BUILD (release).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
copies=${COPIES:-2}
jobs=${JOBS:-2}
rounds=${ROUNDS:-2}
work=${BENCH_DIR:-$root/.build-bench}
digitize=$root/.build/${BUILD:-release}/digitize
[ -x "$digitize" ] || { echo "build first: swift build -c ${BUILD:-release}" >&2; exit 1; }
mkdir -p "$work"
corpus=$("$root/scripts/bench-corpus.sh" "$copies" "$work")
printf '{"run": {"isolate_pages": true}}\n' > "$work/isolated.json"
printf '{"run": {"isolate_pages": false}}\n' > "$work/in-process.json"

measure() {  # mode → "wall cpu rss"
  local archive=$work/isolation-$1
  rm -rf "$archive"
  OMP_THREAD_LIMIT=1 /usr/bin/time -f "%e %U %S %M" -o "$archive.time" \
    "$digitize" run "$corpus" --archive "$archive" --jobs "$jobs" --config "$work/$1.json" --quiet > "$archive.log" 2>&1 || true
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$archive.time"
}
declare -A wall cpu rss
for mode in isolated in-process; do wall[$mode]=0; cpu[$mode]=0; rss[$mode]=0; done
for round in $(seq 1 "$rounds"); do
  for mode in in-process isolated; do
    read -r w c r < <(measure "$mode")
    echo "round $round $mode: wall ${w} s, cpu ${c} s, peak rss ${r} kB"
    wall[$mode]=$(echo "${wall[$mode]} + $w" | bc); cpu[$mode]=$(echo "${cpu[$mode]} + $c" | bc)
    [ "$r" -gt "${rss[$mode]}" ] && rss[$mode]=$r
  done
done
pages=$(( copies * 11 ))
echo "isolation overhead, $pages pages, --jobs $jobs, $rounds rounds: cpu $(echo "scale=3; ${cpu[isolated]} / ${cpu[in-process]}" | bc)x," \
     "wall $(echo "scale=3; ${wall[isolated]} / ${wall[in-process]}" | bc)x (in-process cpu ${cpu[in-process]} s, isolated ${cpu[isolated]} s)"
