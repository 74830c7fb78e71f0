#!/usr/bin/env bash
# `make bench`: throughput, CPU, memory, output size and OCR error of `digitize run`, measured in the
# same run against the floor — bare Tesseract CLI on the same pages, same number of parallel jobs,
# OMP_THREAD_LIMIT=1, text only (the method of ../shared/bench/compare.sh) — and, when installed
# (PEER=dir with ocrmypdf and img2pdf), OCRmyPDF. Method and figures: docs/performance.md.
#
# Corpora (CORPORA, both by default):
#   mixed    the batch a scanning team hands over, made by scripts/make-bench-corpus.py (about 120
#            pages in 26 files: TIFF G4/LZW single and multi-page, PNG, colour JPEG, image-only PDF
#            with JPEG and G4 pages; 200/300 dpi, colour/gray/bilevel, noisy, blurred, skewed ≤ 2°,
#            A3 spreads and 600 dpi scans)
#   samples  COPIES copies of SampleScans (11 pages each) under new file codes; COPIES=10 gives 110 pages
# For each: wall and CPU seconds (user+sys, children included) of the floor and of ours, their
# ratios, ours' peak RSS, the per-stage table of `digitize run --timings`, and the OCR error of both
# against the corpus' ground truth. CPU seconds are the figure to trust on a shared machine.
# Reports, never gates: machines are noisy.
# Env: CORPORA ("mixed samples"), COPIES (10), JOBS (nproc), BENCH_DIR (.build-bench),
#      SCALING=1 to add 1-job runs of the mixed corpus (ours and the floor), INVERT=1 to compare Tesseract's
#      inverted-text pass on SampleScans, MEMORY_COPIES=N to add a run on N hard-linked copies of the
#      mixed corpus (peak RSS against page count), PEER (directory holding ocrmypdf and img2pdf),
#      DIGITIZE (binary; default the release build), ROUNDS (1): floor and ours measured alternately
#      that many times per corpus (floor, ours, floor, ours, …), each round's CPU ratio printed and
#      their median reported — this machine's speed drifts by more than ±5% within an hour, and a
#      ratio of two runs minutes apart cancels most of it.
#      SIDE_BY_SIDE=1: in each round the floor and ours run at the same time, each with half the
#      jobs (one each on 2 cores), so both see the same minutes of the machine's speed; the CPU
#      ratio of such rounds is printed beside the alternating one (docs/performance.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
copies=${COPIES:-10}
rounds=${ROUNDS:-1}
side_by_side=${SIDE_BY_SIDE:-0}
jobs=${JOBS:-$(nproc)}
work=${BENCH_DIR:-$root/.build-bench}
corpora=${CORPORA:-mixed samples}
digitize=${DIGITIZE:-$root/.build/release/digitize}
[ -x "$digitize" ] || { echo "build first: swift build -c release" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
mkdir -p "$work"
report=$work/report.txt; : > "$report"
say() { echo "$*" | tee -a "$report"; }
ratio() { if [ "$1" = NA ] || [ "$2" = NA ]; then echo NA; else echo "scale=3; $1 / $2" | bc; fi; }

# The floor's pages, named <file code>__<scan name>: image files as they are (multi-page TIFFs whole,
# as the CLI reads every frame); PDF pages rendered at their embedded image's resolution.
floor_pages() {  # corpus → prints the folder
  local corpus=$1 out=$work/floor-pages-$(basename "$1")
  if [ ! -d "$out" ]; then
    mkdir -p "$out.tmp"
    find "$corpus" -type f | sort | while read -r f; do
      local code; code=$(basename "$(dirname "$f")")
      case "${f,,}" in
        *.pdf) dpi=$(pdfimages -list "$f" | awk 'NR==3 {print $13}')
               pdftoppm -r "${dpi:-300}" -png "$f" "$out.tmp/${code}__$(basename "${f%.*}")" ;;
        *) ln -s "$f" "$out.tmp/${code}__$(basename "$f")" ;;
      esac
    done
    mv "$out.tmp" "$out"
  fi
  echo "$out"
}

# Runs a command under GNU time; prints "wall user sys maxrss_kb" (children included).
timed() { local t; t=$(mktemp); /usr/bin/time -f "%e %U %S %M" -o "$t" "$@" >/dev/null 2>&1 || true; cat "$t"; rm -f "$t"; }

run_floor() {  # pages-folder out-folder [jobs] → "wall user sys rss"
  rm -rf "$2"; mkdir -p "$2"
  timed sh -c "find '$1' -type l -o -type f | OMP_THREAD_LIMIT=1 xargs -P ${3:-$jobs} -I{} sh -c 'tesseract \"\$1\" \"$2/\$(basename \"\$1\")\" -l vie txt' _ {}"
}

run_ours() {  # corpus archive jobs → "wall user sys rss"; the summary stays in $archive.log
  rm -rf "$2"
  local t; t=$(mktemp)
  /usr/bin/time -f "%e %U %S %M" -o "$t" "$digitize" run "$1" --archive "$2" --jobs "$3" --quiet --timings > "$2.log" 2>&1 || true
  cat "$t"; rm -f "$t"
}

# The floor's text per page of a corpus with ground truth: <dir>/<file code>/<page>.txt, from the
# CLI's outputs (a multi-page TIFF's frames are separated by form feeds; PDF pages are numbered files).
floor_texts() {  # truth floor-out dir
  /usr/bin/python3 - "$1" "$2" "$3" <<'PY'
import glob, json, os, sys
truth, out, texts = sys.argv[1:4]
for f in json.load(open(truth))["files"]:
    code = f["file_code"]
    os.makedirs(os.path.join(texts, code), exist_ok=True)
    for p in f["pages"]:
        name = os.path.basename(p["source"])
        if name.lower().endswith(".pdf"):
            pages = sorted(glob.glob(os.path.join(out, f"{code}__{name[:-4]}-*.png.txt")))
            text = open(pages[p["frame"]]).read() if p["frame"] < len(pages) else ""
        else:
            path = os.path.join(out, f"{code}__{name}.txt")
            frames = open(path).read().split("\f") if os.path.exists(path) else []
            text = frames[p["frame"]] if p["frame"] < len(frames) else ""
        open(os.path.join(texts, code, f"{p['page']}.txt"), "w").write(text)
PY
}

# The middle value of numbers given one per line (the lower middle of an even count).
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# One corpus: floor and ours back to back (ROUNDS times, alternately), then the figures of the last
# round and, with more than one, every round's CPU ratio and their median.
bench_corpus() {  # name corpus truth pages
  local name=$1 corpus=$2 truth=$3 pages=$4
  local pagesdir; pagesdir=$(floor_pages "$corpus")
  local input_bytes; input_bytes=$(du -sbLl "$corpus" | cut -f1)
  local round ratios=""
  for (( round = 1; round <= rounds; round++ )); do
    read -r f_wall f_user f_sys _ < <(run_floor "$pagesdir" "$work/floor-out-$name")
    read -r o_wall o_user o_sys o_rss < <(run_ours "$corpus" "$work/archive-$name" "$jobs")
    ratios+="$(ratio "$(echo "$o_user + $o_sys" | bc)" "$(echo "$f_user + $f_sys" | bc)") "
  done
  local together=""
  if [ "$side_by_side" = 1 ]; then
    local half=$(( jobs / 2 > 0 ? jobs / 2 : 1 )) floor_times; floor_times=$(mktemp)
    for (( round = 1; round <= rounds; round++ )); do
      run_floor "$pagesdir" "$work/floor-out-$name-side" "$half" > "$floor_times" &
      read -r s_wall s_user s_sys _ < <(run_ours "$corpus" "$work/archive-$name-side" "$half")
      wait
      read -r t_wall t_user t_sys _ < "$floor_times"
      together+="$(ratio "$(echo "$s_user + $s_sys" | bc)" "$(echo "$t_user + $t_sys" | bc)") (walls ${s_wall}/${t_wall} s) "
    done
    rm -f "$floor_times"
  fi
  last_wall=$o_wall last_floor_wall=$f_wall last_pages=$pagesdir
  local f_cpu o_cpu; f_cpu=$(echo "$f_user + $f_sys" | bc); o_cpu=$(echo "$o_user + $o_sys" | bc)
  local log=$work/archive-$name.log
  local done_pages; done_pages=$(sqlite3 "$work/archive-$name/catalogue.sqlite" "SELECT count(*) FROM pages WHERE state = 'done'" 2>/dev/null || echo 0)
  local output_bytes; output_bytes=$(du -sb "$work/archive-$name/documents" 2>/dev/null | cut -f1)
  say
  say "== $name: $pages pages ($done_pages done by ours), $((input_bytes / 1024)) KiB; jobs=$jobs"
  say "floor (bare tesseract CLI, text only): wall ${f_wall} s, CPU ${f_cpu} s = $(echo "scale=3; $f_cpu / $pages" | bc) s/page"
  say "ours (digitize run, PDFs + catalogue):  wall ${o_wall} s, CPU ${o_cpu} s = $(echo "scale=3; $o_cpu / $pages" | bc) s/page; peak RSS $((o_rss / 1024)) MiB"
  say "ours/floor: CPU $(ratio "$o_cpu" "$f_cpu"), wall $(ratio "$o_wall" "$f_wall")"
  if [ "$rounds" -gt 1 ]; then
    say "ours/floor CPU, $rounds alternating rounds: $ratios→ median $(echo "$ratios" | tr ' ' '\n' | grep . | median)"
  fi
  if [ -n "$together" ]; then
    say "ours/floor CPU, $rounds rounds side by side (${half} job each, ours/floor wall): $together→ median $(echo "$together" | grep -oE '(^| )[0-9]*\.[0-9]+ \(' | tr -d ' (' | median)"
  fi
  say "output/input size: $(echo "scale=2; ${output_bytes:-0} / $input_bytes" | bc)"
  grep -E "^  (stage|OCR workers)" "$log" | tee -a "$report" || true
  grep -E "Problems needing|^  - " "$log" | head -5 | tee -a "$report" || true
  if [ -f "$truth" ]; then
    rm -rf "$work/floor-texts-$name"; floor_texts "$truth" "$work/floor-out-$name" "$work/floor-texts-$name"
    say "OCR error ($name) — floor: $(python3 "$root/scripts/score-ocr.py" "$truth" --texts "$work/floor-texts-$name")"
    say "OCR error ($name) — ours:  $(python3 "$root/scripts/score-ocr.py" "$truth" --catalogue "$work/archive-$name/catalogue.sqlite")"
  fi
}

say "== digitize benchmark, $(date -u "+%Y-%m-%d %H:%M") UTC, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
for name in $corpora; do
  case $name in
    mixed)
      corpus=$work/mixed
      [ -d "$corpus" ] || /usr/bin/python3 "$root/scripts/make-bench-corpus.py" "$corpus"
      pages=$(python3 -c 'import json,sys; print(sum(len(f["pages"]) for f in json.load(open(sys.argv[1]))["files"]))' "$corpus.truth.json")
      bench_corpus mixed "$corpus" "$corpus.truth.json" "$pages"
      if [ "${SCALING:-0}" = 1 ] && [ "$jobs" != 1 ]; then
        read -r one _ _ one_rss < <(run_ours "$corpus" "$work/archive-mixed-1" 1)
        say "mixed, 1 job: ${one} s wall, peak RSS $((one_rss / 1024)) MiB; scaling 1→$jobs jobs = $(ratio "$one" "$last_wall")× (wall: only meaningful on a quiet machine)"
        # The same for the floor: how far this machine's cores scale for Tesseract alone (shared
        # caches and memory bandwidth), the ceiling against which ours is read.
        read -r floor_one _ _ _ < <(run_floor "$last_pages" "$work/floor-out-mixed-1" 1)
        say "floor, 1 job: ${floor_one} s wall; the floor's own scaling 1→$jobs jobs = $(ratio "$floor_one" "$last_floor_wall")×"
      fi
      if [ -n "${MEMORY_COPIES:-}" ]; then
        big=$work/mixed-x$MEMORY_COPIES
        if [ ! -d "$big" ]; then
          mkdir -p "$big.tmp"
          for i in $(seq 1 "$MEMORY_COPIES"); do
            for folder in "$corpus"/*/; do cp -al "$folder" "$big.tmp/$(basename "$folder").c$i"; done
          done
          mv "$big.tmp" "$big"
        fi
        read -r big_wall big_user big_sys big_rss < <(run_ours "$big" "$work/archive-mixed-x$MEMORY_COPIES" "$jobs")
        say "mixed × $MEMORY_COPIES ($((pages * MEMORY_COPIES)) pages): peak RSS $((big_rss / 1024)) MiB, CPU $(echo "$big_user + $big_sys" | bc) s"
      fi
      ;;
    samples)
      corpus=$("$root/scripts/bench-corpus.sh" "$copies" "$work")
      bench_corpus "samples-x$copies" "$corpus" none "$((copies * 11))"
      ;;
  esac
done

peer=NA
if [ -n "${PEER:-}" ] && [ -x "$PEER/ocrmypdf" ]; then
  corpus=$work/mixed
  peer=$(timed sh -c "for d in '$corpus'/*/; do
      files=\$(find \"\$d\" -maxdepth 1 -type f | sort -V)
      case \"\$(echo \"\$files\" | head -1)\" in *.pdf) qpdf --empty --pages \$files -- '$work/in.pdf' ;; *) '$PEER/img2pdf' \$files -o '$work/in.pdf' ;; esac
      '$PEER/ocrmypdf' -q --jobs $jobs -l vie --output-type pdf '$work/in.pdf' '$work/peer.pdf'
    done" | cut -d' ' -f1)
  say "OCRmyPDF on the mixed corpus: ${peer} s wall"
fi

# OCR error on SampleScans (ground truth of every word), and metadata: the floor's texts, ours as configured.
truth=$root/SampleScans/ground-truth.json
floor_texts=$work/floor-texts; rm -rf "$floor_texts"
/usr/bin/python3 - "$truth" "$root/SampleScans" "$floor_texts" <<'PY'
import json, os, subprocess, sys, tempfile
truth, scans, out = sys.argv[1:4]
for f in json.load(open(truth))["files"]:
    os.makedirs(os.path.join(out, f["file_code"]), exist_ok=True)
    for p in f["pages"]:
        src = os.path.join(scans, p["source"])
        with tempfile.TemporaryDirectory() as tmp:
            if src.endswith(".pdf"):
                subprocess.run(["pdftoppm", "-r", str(p["dpi"]), "-f", str(p["frame"] + 1), "-l", str(p["frame"] + 1), "-png", "-singlefile", src, os.path.join(tmp, "p")], check=True)
                src = os.path.join(tmp, "p.png")
            elif src.endswith(".tif"):
                subprocess.run(["tiffsplit", src, os.path.join(tmp, "f")], check=True)
                src = os.path.join(tmp, "f" + "aa" + "abcdefghij"[p["frame"]] + ".tif")
            text = subprocess.run(["tesseract", src, "-", "-l", "vie"], capture_output=True, text=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}).stdout
        open(os.path.join(out, f["file_code"], f"{p['page']}.txt"), "w").write(text)
PY
say
say "OCR error on SampleScans — floor: $(python3 "$root/scripts/score-ocr.py" "$truth" --texts "$floor_texts")"
rm -rf "$work/sample"; "$digitize" run "$root/SampleScans" --archive "$work/sample" --inventory "$root/SampleScans/inventory.csv" --quiet >/dev/null 2>&1 || true
say "OCR error on SampleScans — ours:  $(python3 "$root/scripts/score-ocr.py" "$truth" --catalogue "$work/sample/catalogue.sqlite")"
say "Metadata on SampleScans — ours: $(python3 "$root/scripts/score-metadata.py" "$truth" "$work/sample/catalogue.sqlite")"
if [ "${INVERT:-0}" = 1 ]; then
  printf '{"run": {"tesseract_variables": {"debug_file": "/dev/null"}}}' > "$work/invert-on.json"
  rm -rf "$work/sample-invert"
  "$digitize" run "$root/SampleScans" --archive "$work/sample-invert" --quiet --config "$work/invert-on.json" >/dev/null 2>&1 || true
  say "OCR error on SampleScans — ours with the inverted-text pass on: $(python3 "$root/scripts/score-ocr.py" "$truth" --catalogue "$work/sample-invert/catalogue.sqlite")"
fi
echo "(report in $report)"
