#!/usr/bin/env bash
# `make bench`: throughput, memory, output size and OCR error of `digitize run`, measured in the
# same run against the floor — bare Tesseract CLI on the same pages, same number of parallel jobs,
# OMP_THREAD_LIMIT=1, text only — and, when installed (PEER=dir with ocrmypdf and img2pdf), OCRmyPDF.
#
# Corpus: COPIES copies of SampleScans (11 pages each, TIFF G4/LZW, PNG, JPEG, image-only PDF) under
# new file codes; COPIES=10 gives 110 pages. Reports, never gates: machines are noisy.
# Env: COPIES (10), JOBS (nproc), BENCH_DIR (.build-bench), SCALING=0 to skip the 1-job run,
#      PEER (directory holding ocrmypdf and img2pdf).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
copies=${COPIES:-10}
jobs=${JOBS:-$(nproc)}
work=${BENCH_DIR:-$root/.build-bench}
digitize=$root/.build/release/digitize
[ -x "$digitize" ] || { echo "build first: swift build -c release" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
mkdir -p "$work"
corpus=$("$root/scripts/bench-corpus.sh" "$copies" "$work")
pages=$(( copies * 11 ))
input_bytes=$(du -sbLl "$corpus" | cut -f1)   # -l: the copies are hard links; count each

# Floor pages: image files as they are; PDF pages rendered at their embedded image's resolution.
floor_pages=$work/floor-pages-$copies
if [ ! -d "$floor_pages" ]; then
  mkdir -p "$floor_pages.tmp"
  find "$corpus" -type f | sort | while read -r f; do
    key=$(echo "$f" | md5sum | cut -c1-10)
    case "${f,,}" in
      *.pdf) dpi=$(pdfimages -list "$f" | awk 'NR==3 {print $13}'); pdftoppm -r "${dpi:-300}" -png "$f" "$floor_pages.tmp/$key" ;;
      *) ln -s "$f" "$floor_pages.tmp/$key-$(basename "$f")" ;;
    esac
  done
  mv "$floor_pages.tmp" "$floor_pages"
fi

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
floor_out=$work/floor-out; rm -rf "$floor_out"; mkdir -p "$floor_out"
floor=$(seconds sh -c "find '$floor_pages' -type l -o -type f | OMP_THREAD_LIMIT=1 xargs -P $jobs -I{} sh -c 'tesseract \"\$1\" \"$floor_out/\$(basename \"\$1\")\" -l vie txt' _ {}")

run_ours() {  # jobs archive → prints "wall_s max_rss_kb" and leaves the summary in $archive.log
  local n=$1 archive=$2
  rm -rf "$archive"
  /usr/bin/time -f "%e %M" -o "$archive.time" "$digitize" run "$corpus" --archive "$archive" --jobs "$n" --quiet > "$archive.log" 2>&1 || true
  cat "$archive.time"
}
read -r ours ours_rss < <(run_ours "$jobs" "$work/archive-$jobs")
stages=$(grep "Stage time" "$work/archive-$jobs.log" || true)
output_bytes=$(du -sb "$work/archive-$jobs/documents" | cut -f1)
one=NA; one_rss=NA
if [ "${SCALING:-1}" != 0 ] && [ "$jobs" != 1 ]; then read -r one one_rss < <(run_ours 1 "$work/archive-1"); fi

# Output size per input kind (sum of a file's PDFs against the sum of its scans).
size_by_kind=$(sqlite3 "$work/archive-$jobs/catalogue.sqlite" "
  WITH f AS (SELECT id, CASE substr(code, -1) WHEN '1' THEN 'tiff' WHEN '2' THEN 'png+jpeg' ELSE 'pdf' END AS kind FROM files),
       s AS (SELECT f.kind, sum(sources.size) AS input FROM sources JOIN f ON f.id = sources.file_id GROUP BY f.kind),
       d AS (SELECT f.kind, sum(documents.pdf_size) AS output FROM documents JOIN f ON f.id = documents.file_id GROUP BY f.kind)
  SELECT s.kind || '=' || printf('%.2f', 1.0 * d.output / s.input) FROM s JOIN d ON d.kind = s.kind;" | tr '\n' ' ')

peer=NA
if [ -n "${PEER:-}" ] && [ -x "$PEER/ocrmypdf" ]; then
  peer=$(seconds sh -c "for d in '$corpus'/*/; do
      files=\$(find \"\$d\" -maxdepth 1 -type f | sort -V)
      case \"\$(echo \"\$files\" | head -1)\" in *.pdf) qpdf --empty --pages \$files -- '$work/in.pdf' ;; *) '$PEER/img2pdf' \$files -o '$work/in.pdf' ;; esac
      '$PEER/ocrmypdf' -q --jobs $jobs -l vie --output-type pdf '$work/in.pdf' '$work/peer.pdf'
    done")
fi

# OCR error on SampleScans: the floor's texts, ours as configured, ours with Tesseract's inverted-text pass back on.
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
floor_err=$(python3 "$root/scripts/score-ocr.py" "$truth" --texts "$floor_texts")
rm -rf "$work/sample"; "$digitize" run "$root/SampleScans" --archive "$work/sample" --quiet >/dev/null 2>&1 || true
ours_err=$(python3 "$root/scripts/score-ocr.py" "$truth" --catalogue "$work/sample/catalogue.sqlite")
printf '{"run": {"tesseract_variables": {"debug_file": "/dev/null"}}}' > "$work/invert-on.json"
rm -rf "$work/sample-invert"
invert_s=$(seconds "$digitize" run "$root/SampleScans" --archive "$work/sample-invert" --quiet --config "$work/invert-on.json")
rm -rf "$work/sample-invert2"
noinvert_s=$(seconds "$digitize" run "$root/SampleScans" --archive "$work/sample-invert2" --quiet)
invert_err=$(python3 "$root/scripts/score-ocr.py" "$truth" --catalogue "$work/sample-invert/catalogue.sqlite")

ratio() { [ "$1" = NA ] || [ "$2" = NA ] && echo NA || echo "scale=3; $1 / $2" | bc; }
echo
echo "== digitize benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "corpus: $pages pages ($copies × SampleScans), $((input_bytes / 1024)) KiB; jobs=$jobs"
echo "floor (bare tesseract CLI, text only): ${floor} s"
echo "ours (digitize run, PDFs + catalogue):  ${ours} s   = $(echo "scale=1; $pages * 60 / $ours" | bc) pages/min"
echo "ours/floor = $(ratio "$ours" "$floor")"
echo "1 job: ${one} s; scaling 1→$jobs jobs = $(ratio "$one" "$ours")×"
echo "peak RSS: $((ours_rss / 1024)) MiB with $jobs jobs$( [ "$one_rss" = NA ] || echo ", $((one_rss / 1024)) MiB with 1 job")"
echo "output/input size: total $(echo "scale=2; $output_bytes / $input_bytes" | bc); by file kind: $size_by_kind"
echo "$stages"
echo "OCRmyPDF: ${peer} s; peer/ours = $(ratio "$peer" "$ours")"
echo "OCR error on SampleScans — floor: $floor_err"
echo "OCR error on SampleScans — ours:  $ours_err  (inverted-text pass off, ${noinvert_s} s)"
echo "OCR error on SampleScans — ours with the inverted-text pass on: $invert_err  (${invert_s} s)"
