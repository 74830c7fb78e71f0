#!/usr/bin/env bash
# `make eval-ocr`: OCR quality on the labelled evaluation set (Tests/Fixtures/OCREval, made by
# scripts/make-ocr-evalset.py), bare Tesseract against our pipeline on the very same pages (issue #7).
#
# Bare Tesseract: the CLI, `-l vie`, default page segmentation, on each stored image as it is
# (OMP_THREAD_LIMIT=1, JOBS pages in parallel). Ours: `digitize run` over the set. Both texts are
# NFC-normalised and whitespace-collapsed; CER/WER are Levenshtein distances over characters/words
# divided by the truth's length, summed over the pages of a subset (clean, degraded, rotated).
# Also prints: whether every rotated page was recorded with the right rotation, and how many
# post-OCR corrections (pages.corrections) were right, wrong (changed a word the truth has as
# Tesseract read it, or into a word the truth does not have) per subset.
# Env: JOBS (nproc), EVAL_DIR (.build-eval), DIGITIZE (path of the binary; default release build).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
set_dir=$root/Tests/Fixtures/OCREval
jobs=${JOBS:-$(nproc)}
work=${EVAL_DIR:-$root/.build-eval}
digitize=${DIGITIZE:-$root/.build/release/digitize}
[ -x "$digitize" ] || { echo "build first: swift build -c release (or set DIGITIZE)" >&2; exit 1; }
[ -f "$set_dir/ground-truth.json" ] || { echo "no evaluation set: /usr/bin/python3 scripts/make-ocr-evalset.py" >&2; exit 1; }
rm -rf "$work"; mkdir -p "$work/bare"

# Bare Tesseract, one text file per page: bare/<file code>/<page>.txt
start=$(date +%s.%N)
/usr/bin/python3 -c '
import json, sys
for f in json.load(open(sys.argv[1]))["files"]:
    for p in f["pages"]:
        print(f["file_code"], p["page"], p["source"])
' "$set_dir/ground-truth.json" | while read -r code page source; do
  mkdir -p "$work/bare/$code"; echo "$set_dir/$source $work/bare/$code/$page"
done | OMP_THREAD_LIMIT=1 xargs -P "$jobs" -n 2 sh -c 'tesseract "$0" "$1" -l vie txt >/dev/null 2>&1'
bare_seconds=$(echo "$(date +%s.%N) - $start" | bc)

start=$(date +%s.%N)
OMP_THREAD_LIMIT=1 "$digitize" run "$set_dir" --archive "$work/archive" --inventory "$set_dir/inventory.csv" \
  --jobs "$jobs" --quiet > "$work/run.log" 2>&1 || { echo "digitize run failed:"; tail -20 "$work/run.log"; exit 1; }
ours_seconds=$(echo "$(date +%s.%N) - $start" | bc)

/usr/bin/python3 - "$root" "$set_dir/ground-truth.json" "$work/bare" "$work/archive/catalogue.sqlite" "$bare_seconds" "$ours_seconds" <<'PY'
import collections, difflib, importlib.util, json, os, sqlite3, sys
root, truth_path, bare_dir, catalogue, bare_s, ours_s = sys.argv[1:]
spec = importlib.util.spec_from_file_location("score", os.path.join(root, "scripts", "score-ocr.py"))
score = importlib.util.module_from_spec(spec); spec.loader.exec_module(score)
truth = json.load(open(truth_path, encoding="utf-8"))
db = sqlite3.connect(catalogue)
cols = {r[1] for r in db.execute("PRAGMA table_info(pages)")}
has = lambda c: c in cols
ours = {}
for row in db.execute(f"""SELECT f.code, p.page_number, coalesce(p.text,''),
        {'p.rotation' if has('rotation') else 'NULL'}, {'p.corrections' if has('corrections') else 'NULL'},
        {'p.quality_flags' if has('quality_flags') else 'NULL'}, p.mean_confidence, p.words
        FROM pages p JOIN files f ON f.id = p.file_id"""):
    ours[(row[0], row[1])] = row[2:]

def errors(expected, got):
    e, g = score.normalise(expected), score.normalise(got)
    return len(e), score.distance(e, g), len(e.split()), score.distance(e.split(), g.split())

totals = collections.defaultdict(lambda: [0] * 8)
rotation_ok = rotation_total = 0
fix = collections.defaultdict(collections.Counter)
rows = []
for f in truth["files"]:
    for p in f["pages"]:
        key = (f["file_code"], p["page"])
        bare_path = os.path.join(bare_dir, f["file_code"], f"{p['page']}.txt")
        bare = open(bare_path, encoding="utf-8").read() if os.path.exists(bare_path) else ""
        text, rotation, corrections, flags, confidence, words_text = ours.get(key, ("", None, None, None, 0, None))
        b, o = errors(p["text"], bare), errors(p["text"], text)
        for subset in (p["condition"], "all"):
            t = totals[subset]
            t[0] += b[0]; t[1] += b[1]; t[2] += b[2]; t[3] += b[3]; t[5] += o[1]; t[7] += o[3]
        rows.append(f"  {f['file_code']} p{p['page']:<2} {p['condition']:8} {','.join(p['degradations']) or '-':38} "
                    f"WER bare {b[3] / max(b[2], 1):.3f} ours {o[3] / max(o[2], 1):.3f}"
                    f"  rot {p['rotation']}->{rotation}  flags {flags or '-'}")
        if p["condition"] == "rotated" or p["rotation"]:
            rotation_total += 1
            # pages.rotation is the clockwise turn that makes the stored image upright.
            rotation_ok += int(rotation is not None and (p["rotation"] + rotation) % 360 == 0 and o[3] / max(o[2], 1) < 0.5)
        # Corrections: align our final words with the truth; a correction is right when the word
        # it produced stands in the truth there, wrong otherwise (harmful when the truth had the
        # word exactly as Tesseract read it).
        if corrections:
            # Tokens of our text with, for each word of pages.words, where its tokens start (a
            # correction may split one word in two: HÀNỘI → HÀ NỘI).
            words_json = json.loads(words_text or "[]")
            tokens, first_token = [], []
            for w in words_json:
                first_token.append(len(tokens)); tokens += score.normalise(w["t"]).split()
            expected = score.normalise(p["text"]).split()
            strip = lambda w: w.strip(".,;:!?()\"“”'/-").lower()
            matcher = difflib.SequenceMatcher(None, [strip(w) for w in tokens], [strip(w) for w in expected], autojunk=False)
            aligned = {}
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag in ("equal", "replace") and i2 - i1 == j2 - j1:
                    for k in range(i2 - i1): aligned[i1 + k] = expected[j1 + k]
            for c in json.loads(corrections):
                start = first_token[c["i"]] if c["i"] < len(first_token) else -1
                got = [aligned.get(start + k) for k in range(len(c["to"].split()))]
                target = " ".join(t for t in got if t is not None) if None not in got else None
                if target is not None and strip(target) == strip(c["to"]): verdict = "right"
                elif target is not None and strip(target) == strip(c["from"]): verdict = "harmful"
                else: verdict = "wrong"
                fix[p["condition"]][verdict] += 1
                fix["all"][verdict] += 1
                if verdict != "right":
                    fix["examples"][f"{c['from']}→{c['to']} (truth {target})"] += 1
print("\n".join(rows))
print()
print(f"{'subset':9} {'pages':>5} {'words':>6}   {'CER bare':>8} {'CER ours':>8}   {'WER bare':>8} {'WER ours':>8}  WER change")
pages = collections.Counter(p["condition"] for f in truth["files"] for p in f["pages"])
pages["all"] = sum(pages.values())
for subset in ("clean", "degraded", "rotated", "all"):
    t = totals[subset]
    if not t[0]: continue
    cb, co, wb, wo = t[1] / t[0], t[5] / t[0], t[3] / t[2], t[7] / t[2]
    print(f"{subset:9} {pages[subset]:5} {t[2]:6}   {cb:8.4f} {co:8.4f}   {wb:8.4f} {wo:8.4f}  {100 * (wo - wb) / max(wb, 1e-9):+.1f}%")
print(f"\nrotation: {rotation_ok}/{rotation_total} rotated pages recorded with the right turn and read upright")
for subset in ("clean", "degraded", "rotated", "all"):
    c = fix[subset]
    print(f"corrections {subset:8}: {sum(c.values())} made, {c['right']} right, {c['wrong'] + c['harmful']} wrong "
          f"({c['harmful']} of them changed a word that was correct)")
if fix["examples"]:
    print("wrong corrections: " + "; ".join(f"{k} ×{v}" for k, v in fix["examples"].most_common(15)))
print(f"\ntime: bare Tesseract {float(bare_s):.1f} s, digitize run {float(ours_s):.1f} s ({pages['all']} pages)")
PY
