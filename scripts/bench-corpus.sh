#!/usr/bin/env bash
# Prints the path of the benchmark corpus under WORK, making it first if needed: COPIES copies of
# SampleScans (11 pages each) under new file codes, as hard links.   Usage: bench-corpus.sh COPIES WORK
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
copies=$1
corpus=$2/corpus-$copies
if [ ! -d "$corpus" ]; then
  mkdir -p "$corpus.tmp"
  for i in $(seq 1 "$copies"); do
    for folder in "$root"/SampleScans/*/; do
      code=$(basename "$folder")
      cp -al "$folder" "$corpus.tmp/${code%.*}.$(printf '%04d' $((i * 10 + ${code: -1})))"
    done
  done
  mv "$corpus.tmp" "$corpus"
fi
echo "$corpus"
