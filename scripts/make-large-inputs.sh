#!/usr/bin/env bash
# Prints the folder of the memory benchmark's large inputs, making them first (issue #16): built by a
# small C program against Leptonica from one SampleScans page, so no huge file is in the repository.
# Usage: make-large-inputs.sh [FOLDER]   (default .build-bench/large)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/.build-bench/large}
tool=$root/.build/make-large-inputs
if [ ! -x "$tool" ] || [ "$root/scripts/large-inputs/make-large-inputs.c" -nt "$tool" ]; then
  mkdir -p "$root/.build"
  cc -O2 -o "$tool" "$root/scripts/large-inputs/make-large-inputs.c" $(pkg-config --cflags --libs lept)
fi
[ -d "$out" ] || { "$tool" "$root/SampleScans/HN-UB.02.015.0042/2.png" "$out.tmp" >/dev/null && mv "$out.tmp" "$out"; }
echo "$out"
