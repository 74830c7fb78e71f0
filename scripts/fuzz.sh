#!/usr/bin/env bash
# `make fuzz` (issue #16): builds digitize-fuzz with libFuzzer and AddressSanitizer in its own build
# folder, then runs each target for FUZZ_SECONDS (default 60) from its seed corpus in Fuzz/corpus/.
# New inputs go to .build-fuzz/corpus/<target> (the seeds in the repository stay as they are); a
# crash leaves its input in .build-fuzz/crashes/<target>/ and makes the script fail.
# Env: FUZZ_SECONDS (60), FUZZ_TARGETS (all), FUZZ_RSS_MB (2048).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-"decoder content-stream image-stream inventory search-query configuration"}
scratch=$root/.build-fuzz
cd "$root"
swift build --scratch-path "$scratch" --product digitize-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING 2>&1 | grep -E "error|warning: |Compiling digitize_fuzz|Build" || true
binary=$scratch/debug/digitize-fuzz
[ -x "$binary" ] || { echo "the fuzz build failed" >&2; exit 1; }
failed=0
for target in $targets; do
  corpus=$scratch/corpus/$target crashes=$scratch/crashes/$target
  mkdir -p "$corpus" "$crashes"
  log=$scratch/$target.log
  # detect_leaks=0: the C libraries' process-wide caches (fontconfig, GLib types) are not leaks of ours.
  FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 OMP_THREAD_LIMIT=1 \
    "$binary" -max_total_time="$seconds" -rss_limit_mb="${FUZZ_RSS_MB:-2048}" -timeout=20 \
    -artifact_prefix="$crashes/" "$corpus" "$root/Fuzz/corpus/$target" > "$log" 2>&1
  status=$?
  runs=$(grep -oE "Done [0-9]+ runs in [0-9]+ second" "$log" | tail -1)
  if [ $status -ne 0 ]; then
    failed=1
    echo "$target: CRASH after ${runs:-?} — input in $crashes/, log $log"
    grep -m3 -E "ERROR|SUMMARY|Fatal" "$log" | sed 's/^/    /'
  else
    echo "$target: ${runs:-no summary} ($(ls "$corpus" | wc -l) inputs in its corpus), no crash"
  fi
done
exit $failed
