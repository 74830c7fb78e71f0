#!/usr/bin/python3
"""Choose per-field review thresholds (Sources/ArchiveDigitizer/Metadata/FieldReview.swift) on the
tuning part of the evaluation set, never on the held-out part.

    METADATA_EVAL_REPORT=/tmp/tuning.txt METADATA_EVAL_ARCHIVE=<archive made from Tests/Fixtures/EvalSet/tuning> \\
      METADATA_EVAL_LABELS=Tests/Fixtures/EvalSet/tuning/labels.json \\
      swift test --skip-build --filter MetadataAccuracyTests.testReextractionFromExistingArchive
    /usr/bin/python3 scripts/calibrate-review.py /tmp/tuning.txt.confidences.tsv [BUDGET]

BUDGET (default 0.15) is the share of fields the greedy may mark; calibrating under 0.15 leaves
room for parts where more fields come out unsure (several parts' files may be concatenated).

Input rows: field, confidence (-1 when the field was not found), 1 if right else 0.
Goal (issue 14): the marked fields hold >= 80% of the wrong ones while <= 15% of all fields are
marked. Fields not found are marked when required (FieldReview.required) whatever the thresholds.
Greedy: starting from no threshold, repeatedly raise the one field's threshold (to just above one
of its observed confidences) that catches the most wrong fields per field marked, while the
budget of marked fields allows; then print the thresholds and the coverage reached.
"""
import collections
import sys

REQUIRED = {"system", "doc_type", "number", "symbol", "date", "place", "issuer", "excerpt", "signer", "signer_position"}
BUDGET = float(sys.argv[2]) if len(sys.argv) > 2 else 0.15   # share of fields that may be marked


def main():
    rows = [(f, float(c), r == "1") for f, c, r in (line.strip().split("\t") for line in open(sys.argv[1]) if line.strip())]
    by_field = collections.defaultdict(list)
    for f, c, r in rows:
        by_field[f].append((c, r))
    total = len(rows)
    errors = sum(not r for _, _, r in rows)
    thresholds = {f: 0.0 for f in by_field}

    def marked(f, t):
        return [(c, r) for c, r in by_field[f] if (c < 0 and f in REQUIRED) or (c >= 0 and c < t)]

    def totals():
        m = [x for f in by_field for x in marked(f, thresholds[f])]
        return len(m), sum(not r for _, r in m)

    while True:
        used, caught = totals()
        best = None
        for f in by_field:
            now = marked(f, thresholds[f])
            for c in sorted({c for c, _ in by_field[f] if c >= thresholds[f]}):
                t = round(c + 0.005, 3)
                new = marked(f, t)
                extra = len(new) - len(now)
                gain = sum(not r for _, r in new) - sum(not r for _, r in now)
                if extra <= 0 or gain <= 0 or used + extra > BUDGET * total:
                    continue
                ratio = gain / extra
                if best is None or ratio > best[0]:
                    best = (ratio, f, t)
        if best is None:
            break
        thresholds[best[1]] = best[2]
    used, caught = totals()
    print(f"{total} fields, {errors} wrong; marked {used} ({100 * used / total:.1f}%), "
          f"holding {caught} wrong ({100 * caught / max(errors, 1):.1f}%)")
    for f in sorted(thresholds):
        print(f'"{f}": {thresholds[f]},')


if __name__ == "__main__":
    main()
