#!/usr/bin/env bash
# Runs a command and prints, on stderr, the peak resident memory of its whole process tree (the run
# and its page workers added up) and of its largest single process, sampled every 0.1 s from /proc.
# GNU time's %M gives only the largest single process; with page workers the sum is what the machine
# must hold.   Usage: peak-rss.sh COMMAND [ARGUMENTS...]
set -uo pipefail
"$@" &
top=$!
peak_sum=0; peak_one=0
tree() { local p=$1; echo "$p"; for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do tree "$c"; done; }
while kill -0 "$top" 2>/dev/null; do
  sum=0
  for p in $(tree "$top"); do
    r=$(awk '/^VmRSS/ {print $2}' /proc/"$p"/status 2>/dev/null || echo 0); r=${r:-0}
    sum=$((sum + r)); [ "$r" -gt "$peak_one" ] && peak_one=$r
  done
  [ "$sum" -gt "$peak_sum" ] && peak_sum=$sum
  sleep 0.1
done
wait "$top"; status=$?
echo "peak rss: process tree ${peak_sum} kB, largest process ${peak_one} kB" >&2
exit $status
