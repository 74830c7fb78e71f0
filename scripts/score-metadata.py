#!/usr/bin/env python3
"""How many TT02 metadata fields of SampleScans' documents our catalogue got exactly right.

Usage: score-metadata.py GROUND_TRUTH.json ARCHIVE/catalogue.sqlite

Compares, per document of the ground truth (by doc_code), the fields the extractor fills —
doc_type, number, symbol, date, place, issuer, excerpt, signer, signer_position, authority,
security, urgency — with the catalogue's documents.metadata JSON, after NFC and whitespace
normalisation (an absent mark in the truth must be empty in ours). Also counts documents whose
page span is right. Prints one line: `fields=right/total documents=right/total`. Standard library only.
"""
import json, sqlite3, sys, unicodedata

FIELDS = ["doc_type", "number", "symbol", "date", "place", "issuer", "excerpt", "signer",
          "signer_position", "authority", "security", "urgency"]


def norm(value):
    return " ".join(unicodedata.normalize("NFC", value or "").split())


def main():
    truth_path, catalogue = sys.argv[1:3]
    truth = json.load(open(truth_path, encoding="utf-8"))
    db = sqlite3.connect(catalogue)
    ours = {code: (first, last, json.loads(meta or "{}")) for code, first, last, meta in
            db.execute("SELECT doc_code, first_page, last_page, metadata FROM documents")}
    right = total = spans = docs = 0
    for f in truth["files"]:
        for d in f["documents"]:
            docs += 1
            first, last, meta = ours.get(d["doc_code"], (None, None, {}))
            spans += (first, last) == (d["first_page"], d["last_page"])
            for field in FIELDS:
                total += 1
                right += norm(meta.get(field)) == norm(d.get(field))
    print(f"fields={right}/{total} documents={spans}/{docs}")


if __name__ == "__main__":
    main()
